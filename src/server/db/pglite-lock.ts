import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import path from "node:path";

/**
 * PGlite opens its data folder from one process at a time: a second opener would corrupt it.
 * The opener writes `<folder>.lock` (its pid) exclusively; a lock whose process is gone is taken
 * over. Both openers take it: the app's PGlite process and a script that opens the folder itself.
 */
export class DataDirLockedError extends Error {
  constructor(dataDir: string, pid: number) {
    super(
      `La base PGlite ${dataDir} est déjà ouverte par le processus ${pid} (l'application tourne-t-elle ?). ` +
        "Arrêtez-le avant d'ouvrir ce dossier : PGlite ne peut pas être ouvert par deux processus.",
    );
    this.name = "DataDirLockedError";
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

export function lockFileOf(dataDir: string): string {
  return `${path.resolve(dataDir)}.lock`;
}

/** Takes the folder's lock for this process; returns its release. */
export function acquireDataDirLock(dataDir: string): () => void {
  const file = lockFileOf(dataDir);
  mkdirSync(path.dirname(file), { recursive: true });
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(file, "wx", 0o600);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => {
        try {
          if (readFileSync(file, "utf8").trim() === String(process.pid)) rmSync(file, { force: true });
        } catch {
          // Already gone.
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      let holder = Number.NaN;
      try {
        holder = Number(readFileSync(file, "utf8").trim());
      } catch {
        continue;
      }
      if (Number.isInteger(holder) && holder > 0 && alive(holder)) throw new DataDirLockedError(dataDir, holder);
      // Left by a process that died (or half-written): taken over.
      rmSync(file, { force: true });
    }
  }
  throw new Error(`Impossible de prendre le verrou ${file}`);
}
