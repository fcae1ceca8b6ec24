import { Client } from 'pg';

/**
 * How many schemas of the server at `url` have a name `LIKE` the pattern: what a bench figure's
 * test counts before and after, to see that the figure dropped every schema it made.
 */
export const schemasLike = async (url: string, pattern: string): Promise<number> => {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>(
      'SELECT count(*) AS n FROM pg_namespace WHERE nspname LIKE $1',
      [pattern],
    );
    return Number(rows[0]?.n);
  } finally {
    await client.end();
  }
};
