// Why a write to the articles folder was refused. Each names the file or field at fault, keeps its
// cause, and means that nothing on disk was changed. The publishing API maps each kind to its
// HTTP status (http/article-api.ts); the import command prints the message.

export class ArticleWriteError extends Error {
  /** One line per problem, each naming its field or file ("title: required"). */
  readonly problems: string[];

  constructor(message: string, problems: string[] = [], options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
    this.problems = problems;
  }
}

/** The article would not parse, render or pass the feed gate as written. */
export class InvalidArticleError extends ArticleWriteError {}

/** Its file, slug or id is taken, or its file holds text that does not parse. */
export class ArticleConflictError extends ArticleWriteError {}

/** No article has this slug (or its file is gone). */
export class ArticleNotFoundError extends ArticleWriteError {}

/** The article changed since the writer's caller read it (its ETag is no longer the one given). */
export class ArticleChangedError extends ArticleWriteError {
  constructor(
    message: string,
    readonly currentEtag: string | undefined,
  ) {
    super(message);
  }
}

/** The disk or the quota is full (ENOSPC, EDQUOT). */
export class StorageFullError extends ArticleWriteError {}
