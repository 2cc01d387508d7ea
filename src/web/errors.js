// The one error type Lede throws or reports, from the core, the loader and the element.

/** An error from Lede: bad article JSON, a failed fetch, a core that would not load. */
export class LedeError extends Error {
  constructor(message, { code = 'error', path = '', line = 0, column = 0, status = 0, cause } = {}) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'LedeError';
    this.code = code; // 'syntax', 'schema', 'too_large', 'too_deep', 'http', 'network', ...
    this.path = path; // field path for schema errors: "related[3].url"
    this.line = line; // 1-based position for syntax errors; 0 if unknown
    this.column = column;
    this.status = status; // HTTP status for fetch failures
  }
}
