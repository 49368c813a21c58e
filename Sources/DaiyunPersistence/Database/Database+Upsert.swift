/// Rows per multi-row statement: well under SQLite's and PostgreSQL's bind limits for our widest table.
let upsertChunk = 400
