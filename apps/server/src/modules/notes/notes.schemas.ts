import { z } from 'zod';
import { zText } from '../items/content-validation.js';
import { ZItem } from '../items/items.schemas.js';

export const ZConversationParams = z.object({ conversationId: zText() });
export const ZNoteParams = z.object({ conversationId: zText(), noteId: zText() });

// Gladly's schema names a top-level `body` but its example nests it in `content` (API spec 4.5): accept both.
export const ZCreateNoteBody = z
  .object({
    body: zText().nullish().describe('The note: plain text or rich-content HTML'),
    content: z.object({ body: zText().nullish() }).nullish().describe('Alternative shape: {content: {body}}'),
  })
  .optional();

export const ZNote = ZItem;
