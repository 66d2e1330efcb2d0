import pg from 'pg';

/**
 * DROP DATABASE … WITH (FORCE) as the test's own role. PostgreSQL refuses it (42501) while a backend it may not
 * terminate is connected, which is an autovacuum worker finishing a table of the just-used database; it leaves within
 * moments, so try again for a while rather than fail a run on its teardown.
 */
export async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== '42501' || attempt >= 40) throw error;
    } finally {
      await client.end();
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
