import type { PrismaClient } from "../../generated/prisma/client";
import { AppError } from "../errors";

/**
 * PostgreSQL text cannot hold U+0000: a NUL in any query argument makes the server refuse the statement, and the
 * caller saw that as a 500 (`/api/audit/receipt?motionId=%00`, issue #17). Every query — model operations and raw
 * SQL, inside transactions too — passes through this one check, so no route or socket handler has to remember it:
 * a NUL anywhere in the arguments is the caller's `invalid_input`, and the database is never asked.
 */
export function refuseNulText(prisma: PrismaClient): PrismaClient {
  const extended = prisma.$extends({
    query: {
      $allOperations({ args, query }) {
        if (containsNul(args, 0)) throw new AppError("invalid_input", "text must not contain the NUL character");
        return query(args);
      },
    },
  });
  // A query extension changes no types: the client keeps PrismaClient's surface.
  return extended as unknown as PrismaClient;
}

const MAX_DEPTH = 32;

export function containsNul(value: unknown, depth: number): boolean {
  if (typeof value === "string") return value.includes("\u0000");
  if (typeof value !== "object" || value === null || depth > MAX_DEPTH) return false;
  // Bytes (file contents, keys) may hold zeros; they are bound as bytea, not text.
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer || value instanceof Date) return false;
  for (const item of Array.isArray(value) ? value : Object.values(value)) if (containsNul(item, depth + 1)) return true;
  return false;
}
