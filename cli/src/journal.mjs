// The journal of `verify`: an append-only JSON Lines file that makes a run crash-safe without ever
// billing a row twice.
//
//   {"type":"journal","version":1,"action":…,"id":…,"created":…}          first line
//   {"type":"send","row":…,"key":…,"action":…,"attempt":…,"resend":…,"nonce":…,"timestamp":…,"request":{method,url,headers,body}}
//   {"type":"outcome","row":…,"key":…,"result":{…the line written to the results…}}
//
// A send record is written and fsync'ed BEFORE its request can leave (the client awaits beforeSend);
// the outcome after the answer. On restart: a row with an outcome is done; a row with a send record
// and no outcome may have been sent (and billed), so only its last signed request may go again,
// byte-identical (same nonce: the service refuses a repeated nonce, so that cannot bill twice) —
// never signed afresh. `key` fingerprints the row's values, so a changed input file is refused.
//
// The journal holds personal data (the signed requests carry names and ID numbers) and signed
// requests that stay replayable for the service's 15-minute window: it is created owner-only
// (0600, tightened if it existed) and refuses any record that contains a known secret.
import { closeSync, constants, fchmodSync, fstatSync, fsyncSync, ftruncateSync, openSync, readFileSync, readSync, unlinkSync, writeSync } from "node:fs";
import { hostname } from "node:os";
import { dirname } from "node:path";
import { createHash, randomBytes } from "node:crypto";

export const JOURNAL_VERSION = 1;

export class JournalError extends Error {
  constructor(code, message) {
    super(message);
    this.name = "JournalError";
    this.code = code;
  }
}

/** A 32-bit fingerprint of a row's normalised values (never 0: 0 means "no outcome yet"). */
export function rowKey(values) {
  const h = createHash("sha256").update(JSON.stringify(values)).digest();
  return (h.readUInt32BE(0) | 1) >>> 0;
}

/** Dates cross JSON as ISO strings: remember which kind the client gave, to give the same back. */
function encodeTimestamp(t) {
  if (t instanceof Date) return { timestamp: t.toISOString(), timestampKind: "date" };
  if (typeof t === "number") return { timestamp: t, timestampKind: "number" };
  return { timestamp: t ?? null, timestampKind: "string" };
}
export function decodeTimestamp(record) {
  if (record.timestampKind === "date") return new Date(record.timestamp);
  return record.timestamp;
}

/** Headers as a plain object of own string values (a Headers instance included). */
function plainHeaders(h) {
  if (!h) return h ?? null;
  if (typeof h.entries === "function" && typeof h.get === "function") return Object.fromEntries(h.entries());
  const o = {};
  for (const k of Object.keys(h)) o[k] = h[k];
  return o;
}

function fsyncDir(path) {
  try {
    const fd = openSync(dirname(path), "r");
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // not every platform can fsync a directory; the file's own fsync still holds its content
  }
}

/** A growable array of 32-bit keys indexed by row: the rows done (their key) in 4 bytes each. */
class RowKeys {
  constructor() {
    this.a = new Uint32Array(1024);
  }
  get(row) {
    return row < this.a.length ? this.a[row] : 0;
  }
  set(row, key) {
    if (row >= this.a.length) {
      let n = this.a.length;
      while (n <= row) n *= 2;
      const b = new Uint32Array(n);
      b.set(this.a);
      this.a = b;
    }
    this.a[row] = key;
  }
}

/**
 * Opens (or creates) the journal at `path` for `action`. Options: secrets (strings that must never
 * be written), now (clock for the header), onOutcome(result) called for each earlier outcome while
 * loading (may return a promise: awaited, for back-pressure).
 */
export async function openJournal(path, options = {}) {
  const release = acquireLock(path, options.lockPid ?? process.pid);
  try {
    const journal = await openLocked(path, options);
    const close = journal.close;
    journal.close = () => {
      close();
      release();
    };
    return journal;
  } catch (e) {
    release();
    throw e;
  }
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === "EPERM";
  }
}

/**
 * One run at a time per journal: two runs on one journal could both sign a fresh request for the
 * same new row. `<journal>.lock` holds the owner's pid; a lock whose process is gone (a crash, a
 * SIGKILL) is taken over. Returns the release function.
 */
function acquireLock(path, pid) {
  const lockPath = `${path}.lock`;
  const content = JSON.stringify({ pid, host: hostname(), since: new Date().toISOString() }) + "\n";
  for (let tries = 0; tries < 3; tries++) {
    try {
      const fd = openSync(lockPath, "wx", 0o600);
      try {
        writeSync(fd, content);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      return () => {
        try {
          if (readFileSync(lockPath, "utf8") === content) unlinkSync(lockPath);
        } catch {
          // already gone
        }
      };
    } catch (e) {
      if (e.code !== "EEXIST") throw new JournalError("JOURNAL_LOCK", `cannot create the lock ${lockPath}: ${e.code || e.message}`);
    }
    let seen = "";
    let holder = null;
    try {
      seen = readFileSync(lockPath, "utf8");
      holder = JSON.parse(seen);
    } catch {
      holder = null; // torn or vanished: stale
    }
    if (holder && Number.isInteger(holder.pid) && (holder.host !== hostname() || alive(holder.pid))) {
      throw new JournalError(
        "JOURNAL_LOCKED",
        `another aliyun-idv verify (pid ${holder.pid}${holder.host !== hostname() ? ` on ${holder.host}` : ""}) is using the journal ${path}; if none is running, delete ${lockPath}`,
      );
    }
    try {
      if (readFileSync(lockPath, "utf8") === seen) unlinkSync(lockPath); // stale: its process is gone
    } catch {
      // gone meanwhile
    }
  }
  throw new JournalError("JOURNAL_LOCKED", `the journal ${path} is being taken by another run; try again`);
}

async function openLocked(path, { action, secrets = [], now = () => new Date(), onOutcome } = {}) {
  const guard = secrets.filter((s) => typeof s === "string" && s.length >= 4);
  let fd;
  try {
    fd = openSync(path, constants.O_RDWR | constants.O_CREAT | constants.O_APPEND, 0o600);
  } catch (e) {
    throw new JournalError("JOURNAL_OPEN", `cannot open the journal ${path}: ${e.code || e.message}`);
  }
  const st = fstatSync(fd);

  const done = new RowKeys();
  const pending = new Map(); // row -> last send record (no outcome yet)
  let header = null;
  let doneCount = 0;

  // Load: read line by line from the start, remembering where the last complete line ends.
  const size = st.size;
  if (size > 0) {
    const chunk = Buffer.allocUnsafe(1 << 20);
    let carry = Buffer.alloc(0);
    let pos = 0;
    let good = 0; // offset just after the last complete, parsed line
    let lineNo = 0;
    while (pos < size) {
      const n = readSync(fd, chunk, 0, chunk.length, pos);
      if (n <= 0) break;
      const base = pos - carry.length; // file offset of buf[0]
      pos += n;
      let buf = carry.length ? Buffer.concat([carry, chunk.subarray(0, n)]) : chunk.subarray(0, n);
      let start = 0;
      for (;;) {
        const nl = buf.indexOf(10, start);
        if (nl < 0) break;
        lineNo++;
        const text = buf.toString("utf8", start, nl);
        let rec;
        try {
          rec = JSON.parse(text);
        } catch {
          closeSync(fd);
          if (lineNo === 1) throw new JournalError("JOURNAL_FOREIGN", `${path} is not an aliyun-idv journal: refusing to write into it`);
          throw new JournalError("JOURNAL_CORRUPT", `the journal ${path} is damaged at line ${lineNo} (not a crash's torn last line): refusing to guess`);
        }
        if (lineNo === 1) {
          if (!rec || rec.type !== "journal" || rec.version !== JOURNAL_VERSION) {
            closeSync(fd);
            throw new JournalError("JOURNAL_FOREIGN", `${path} is not an aliyun-idv journal (version ${JOURNAL_VERSION}): refusing to write into it`);
          }
          header = rec;
        } else if (rec.type === "send") {
          pending.set(rec.row, rec);
        } else if (rec.type === "outcome") {
          pending.delete(rec.row);
          if (done.get(rec.row) === 0) doneCount++;
          done.set(rec.row, rec.key >>> 0);
          if (onOutcome) await onOutcome(rec.result);
        }
        start = nl + 1;
        good = base + nl + 1;
      }
      carry = Buffer.from(buf.subarray(start));
    }
    if (!header) {
      closeSync(fd);
      throw new JournalError("JOURNAL_FOREIGN", `${path} is not an aliyun-idv journal: refusing to write into it`);
    }
    if (good < size) {
      // A torn last line: a crash in the middle of a write. A send record that did not reach the
      // disk whole was never followed by its request (the request leaves only after the fsync).
      ftruncateSync(fd, good);
      fsyncSync(fd);
    }
  }
  if (header && header.action !== action) {
    closeSync(fd);
    throw new JournalError("JOURNAL_ACTION", `the journal ${path} belongs to ${header.action}, not ${action}: use another --journal`);
  }

  // Owner-only, checked once the file is known to be a journal (a foreign file is left untouched).
  try {
    fchmodSync(fd, 0o600);
  } catch {
    // e.g. not the owner: reported by the mode check below
  }
  if (process.platform !== "win32" && (fstatSync(fd).mode & 0o077) !== 0) {
    closeSync(fd);
    throw new JournalError("JOURNAL_MODE", `the journal ${path} is readable by others and cannot be made owner-only`);
  }

  let closed = false;
  function append(record) {
    if (closed) throw new JournalError("JOURNAL_CLOSED", "the journal is closed");
    const line = JSON.stringify(record) + "\n";
    for (const s of guard) {
      if (line.includes(s)) throw new JournalError("JOURNAL_SECRET", "refusing to write a record that contains the access key secret");
    }
    const buf = Buffer.from(line, "utf8");
    let off = 0;
    while (off < buf.length) off += writeSync(fd, buf, off, buf.length - off);
    fsyncSync(fd);
  }

  if (!header) {
    header = { type: "journal", version: JOURNAL_VERSION, action, id: randomBytes(8).toString("hex"), created: now().toISOString() };
    append(header);
    fsyncDir(path);
  }

  return {
    path,
    header,
    /** How many rows had an outcome when the journal was opened, plus those added since. */
    get doneCount() {
      return doneCount;
    },
    /** The rows with a send record and no outcome (row -> last send record). */
    pending,
    /**
     * What is known of `row` whose values fingerprint to `key`: "done", { send } (it may have been
     * sent: resend only that) or "new". A different key for a known row is refused.
     */
    status(row, key) {
      const k = done.get(row);
      const p = pending.get(row);
      const known = k || (p && p.key >>> 0);
      if (known && known !== key >>> 0) {
        throw new JournalError("JOURNAL_MISMATCH", `row ${row} differs from the row the journal holds: the input file changed since; use the original file or another --journal`);
      }
      if (k) return "done";
      if (p) return { send: p };
      return "new";
    },
    /** Whether the journal holds anything of `row` (an outcome or a send record). */
    knows(row) {
      return done.get(row) !== 0 || pending.has(row);
    },
    /** Appends and fsyncs the send record; returns once it is on disk. Throws if it cannot. */
    appendSend(row, key, info) {
      const request = info && info.request ? info.request : {};
      const record = {
        type: "send",
        row,
        key: key >>> 0,
        action: info.action,
        attempt: info.attempt ?? null,
        resend: Boolean(info.resend),
        nonce: info.nonce ?? null,
        ...encodeTimestamp(info.timestamp),
        request: { method: request.method, url: request.url, headers: plainHeaders(request.headers), body: request.body ?? null },
      };
      append(record);
      pending.set(row, record);
    },
    appendOutcome(row, key, result) {
      append({ type: "outcome", row, key: key >>> 0, result });
      pending.delete(row);
      if (done.get(row) === 0) doneCount++;
      done.set(row, key >>> 0);
    },
    close() {
      if (!closed) {
        closed = true;
        closeSync(fd);
      }
    },
  };
}
