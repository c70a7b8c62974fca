/**
 * What an error log line may say about an error. A database driver error
 * carries the failed statement in its message and stack, with the caller's
 * values written into it (knex and MikroORM inline the parameters), and
 * PostgreSQL's detail can quote a row. So a database error is logged by its
 * SQLSTATE code and where it arose (routine, schema, table, column,
 * constraint), never by its text; any other error keeps its message and stack.
 */
export interface LoggableError {
  /** For the log line's `err` field. */
  err: Record<string, unknown>;
  /** A one-line description for the log message. */
  message: string;
}

const SQLSTATE = /^[0-9A-Z]{5}$/;
const LOCATION_FIELDS = ['routine', 'schema', 'table', 'column', 'constraint', 'dataType'] as const;

/** The database error inside `error` (MikroORM wraps the driver's), if there is one. */
function databaseErrorIn(error: unknown): (Error & Record<string, unknown>) | undefined {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; depth += 1) {
    const fields = current as Error & Record<string, unknown>;
    if (typeof fields.code === 'string' && SQLSTATE.test(fields.code) && typeof fields.severity === 'string') return fields;
    current = fields.cause;
  }
  return undefined;
}

export function loggableError(error: unknown): LoggableError {
  const database = databaseErrorIn(error);
  if (database) {
    const code = database.code as string;
    const where = LOCATION_FIELDS.flatMap((field) => (typeof database[field] === 'string' ? [[field, database[field]] as const] : []));
    const routine = typeof database.routine === 'string' ? `, ${database.routine}` : '';
    return {
      err: { type: error instanceof Error ? error.name : 'DatabaseError', code, ...Object.fromEntries(where) },
      message: `database statement failed (SQLSTATE ${code}${routine}; statement and values not logged)`,
    };
  }
  if (error instanceof Error) return { err: { type: error.name, message: error.message, stack: error.stack }, message: error.message };
  return { err: { value: String(error) }, message: String(error) };
}
