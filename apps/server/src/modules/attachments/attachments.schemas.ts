import { z } from 'zod';
import { zText } from '../items/content-validation.js';

export const ZItemAttachmentParams = z.object({ itemId: zText(), attachmentId: zText() });
export const ZDownloadParams = z.object({ orgId: zText(), attachmentId: zText() });
export const ZDownloadQuery = z.object({ expires: zText().optional(), sig: zText().optional() });
