/**
 * Runs database work whose statement carries a secret or a hash of one
 * (password hashes, token hashes). A failure's message would quote the
 * statement with its values and end up in the error log, so it is replaced
 * by one that keeps only the SQLSTATE code.
 */
export async function withHiddenValues<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const hidden = new Error(`database statement failed (values hidden)${typeof code === 'string' ? `: ${code}` : ''}`);
    Object.assign(hidden, { code });
    throw hidden;
  }
}
