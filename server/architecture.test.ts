/**
 * The architecture is enforced like the permission matrix: docs/architecture.json names Yishi's parts and the
 * arrows between them, and this test resolves every import of every production file with the TypeScript compiler
 * and fails on an arrow the file forbids or does not draw. docs/architecture.md explains the parts.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import {
  ANY_PRODUCTION,
  type Architecture,
  checkArchitecture,
  classifier,
  cycleViolations,
  drawnEdges,
  formatViolations,
  loadArchitecture,
  neverList,
  partCycles,
  partsTable,
  type Report,
  TESTS,
} from "./testing/architecture";

const root = path.resolve(import.meta.dirname, "..");

const HOW_TO_FIX = `
How to fix (see docs/architecture.md, "Parts and arrows"):
- A pure rule (no database, clock or socket) belongs in server/domain; commands and queries both import it from there.
- A read belongs in server/queries, a write in server/commands; a page or socket handler calls one of them.
- Work after a commit (broadcast, checkpoint, minutes refresh, sending) is an event the command declares and a
  listener in server/listeners reacts to; never a call from the command or the route.
- A database loader that commands and queries share belongs in server/db.
- If the arrow is right for the design, draw it in docs/architecture.json (mayImport) and say why in
  docs/architecture.md. A "never" rule is not redrawn.`;

function fail(title: string, violations: Report["violations"]): string {
  return `${title}${formatViolations(violations)}\n${HOW_TO_FIX}`;
}

describe("the parts file", () => {
  const arch = loadArchitecture(root);
  const names = new Set(arch.parts.map((part) => part.name));

  it("names only parts it defines, in its arrows, never rules and database rule", () => {
    const unknown: string[] = [];
    for (const part of arch.parts) {
      for (const to of [...part.mayImport, ...part.mayImportTypes]) if (!names.has(to)) unknown.push(`${part.name} may import unknown part ${to}`);
    }
    for (const rule of arch.never) {
      for (const name of [...rule.from, ...rule.to, ...rule.except]) {
        if (name !== ANY_PRODUCTION && name !== TESTS && !names.has(name)) unknown.push(`never rule "${rule.rule}" names unknown part ${name}`);
      }
    }
    for (const name of arch.databaseHandle.allowedIn) if (!names.has(name)) unknown.push(`database handle allowed in unknown part ${name}`);
    expect(unknown).toEqual([]);
  });

  it("draws no arrow that a never rule forbids", () => {
    const contradictions: string[] = [];
    for (const edge of drawnEdges(arch)) {
      const [from, to] = edge.split("→") as [string, string];
      for (const rule of arch.never) {
        const fromMatches = rule.from.includes(from) || rule.from.includes(ANY_PRODUCTION);
        const toMatches = (rule.to.includes(to) || rule.to.includes(ANY_PRODUCTION)) && !rule.except.includes(to);
        if (fromMatches && toMatches) contradictions.push(`${edge} is drawn, but "${rule.rule}": ${rule.why}`);
      }
    }
    expect(contradictions).toEqual([]);
  });

  it("draws arrows without a cycle, so that code following them has none (type-only arrows are erased at run time)", () => {
    expect(partCycles(drawnEdges(arch, "value"))).toEqual([]);
  });
});

describe("the source tree follows docs/architecture.json", () => {
  let arch: Architecture;
  let report: Report;
  beforeAll(() => {
    arch = loadArchitecture(root);
    report = checkArchitecture(root, arch);
  });

  it("reads every production file in app/, server/ and proxy.ts", () => {
    // A sanity floor: the walk found the tree (hundreds of files), and proxy.ts and the entry are among them.
    expect(report.production).toBeGreaterThan(300);
    expect(report.partOf.get("proxy.ts")).toBe("UI");
    expect(report.partOf.get("server/index.ts")).toBe("Entry");
  });

  it("puts every production file in exactly one part", () => {
    const orphans = report.violations.filter((v) => v.rule === "every production file belongs to one part");
    expect(orphans, fail("Files outside the parts of docs/architecture.json (add the folder to a part, or move the file):", orphans)).toEqual([]);
  });

  it("resolves every local import", () => {
    const broken = report.violations.filter((v) => v.rule === "imports resolve");
    expect(broken, fail("Imports the compiler cannot resolve:", broken)).toEqual([]);
  });

  it("imports only along the arrows (never rules included, production never imports tests)", () => {
    const arrows = report.violations.filter((v) => v.to !== undefined);
    expect(arrows, fail(`Imports that docs/architecture.json does not allow (from-file (Part) → to-file (Part)):`, arrows)).toEqual([]);
  });

  it("uses the database handle only in the parts that own data", () => {
    const uses = report.violations.filter((v) => v.rule === "database handle");
    const owners = arch.databaseHandle.allowedIn.join(", ");
    const title = `The database handle outside the parts that own data (${owners}); read through server/queries, write through server/commands:`;
    expect(uses, fail(title, uses)).toEqual([]);
  });

  it("has no import cycle between parts (imports that load code)", () => {
    const cycles = cycleViolations(report, arch);
    expect(cycles, fail("Imports that close a cycle between parts (cut the listed import):", cycles)).toEqual([]);
  });
});

describe("docs/architecture.md", () => {
  const arch = loadArchitecture(root);
  const doc = readFileSync(path.join(root, "docs/architecture.md"), "utf8");

  it("shows the parts table of docs/architecture.json as it is", () => {
    const table = partsTable(arch);
    expect(doc.includes(table), `Paste this table into docs/architecture.md under "Parts and arrows":\n\n${table}\n`).toBe(true);
  });

  it("lists the never rules of docs/architecture.json as they are", () => {
    const list = neverList(arch);
    expect(doc.includes(list), `Paste this list into docs/architecture.md under "Never":\n\n${list}\n`).toBe(true);
  });
});

describe("the checker itself, on a small tree", () => {
  // A tree with one file of each kind of mistake, so a checker that silently finds nothing would fail here.
  let dir: string;
  let report: Report;
  let arch: Architecture;
  const write = (file: string, text: string) => {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  };

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), "yishi-arch-"));
    write("tsconfig.json", JSON.stringify({ compilerOptions: { module: "esnext", moduleResolution: "bundler", allowJs: true, paths: { "@/*": ["./*"] } } }));
    arch = {
      sources: { roots: ["app", "server"], extensions: [".ts", ".tsx"] },
      parts: [
        { name: "Kernel", files: ["server/runtime.ts"], what: "k", mayImport: [], mayImportTypes: [] },
        { name: "Domain", files: ["server/domain/**"], what: "d", mayImport: ["Kernel"], mayImportTypes: [] },
        { name: "Commands", files: ["server/commands/**"], what: "c", mayImport: ["Kernel", "Domain"], mayImportTypes: [] },
        { name: "Queries", files: ["server/queries/**"], what: "q", mayImport: ["Kernel", "Domain"], mayImportTypes: ["Commands"] },
        { name: "UI", files: ["app/**"], what: "u", mayImport: ["Queries", "Commands"], mayImportTypes: [] },
      ],
      tests: { files: ["**/*.test.ts", "server/testing/**"], what: "t" },
      never: [
        { rule: "Domain stays pure", from: ["Domain"], to: ["*"], except: ["Kernel"], why: "pure" },
        { rule: "Commands never import Queries", from: ["Commands"], to: ["Queries"], except: [], why: "no" },
        { rule: "production code never imports tests", from: ["*"], to: ["Tests"], except: [], why: "no" },
      ],
      databaseHandle: { what: "h", allowedIn: ["Commands", "Queries"], runtimeProperty: "db", accessors: { files: ["server/db/**"], names: ["db"] } },
    };
    write("server/runtime.ts", "export const getRuntime = () => ({ db: {} });\n");
    write("server/domain/rule.ts", 'import { getRuntime } from "../runtime";\nexport const rule = () => getRuntime();\n');
    write("server/domain/bad.ts", 'export async function load() { return import("../queries/read"); }\n');
    write(
      "server/commands/cast.ts",
      'import { rule } from "@/server/domain/rule";\nexport { read } from "../queries/read";\nexport const cast = () => rule();\n',
    );
    write(
      "server/queries/read.ts",
      'import type { cast } from "../commands/cast";\nimport { getRuntime } from "../runtime";\nexport type C = typeof cast;\nexport const read = () => getRuntime().db;\n',
    );
    write("server/queries/other.ts", 'import { cast } from "../commands/cast";\nexport const other = cast;\n');
    write("server/orphan.ts", "export const lost = 1;\n");
    write("server/testing/builder.ts", "export const build = 1;\n");
    write(
      "app/page.tsx",
      'import { getRuntime } from "@/server/runtime";\nimport { build } from "../server/testing/builder";\nimport "./page.css";\nexport default function Page() { const runtime = getRuntime(); return runtime.db && build; }\n',
    );
    write("app/page.test.ts", 'import { lost } from "../server/orphan";\nexport const t = lost;\n');
    report = checkArchitecture(dir, arch);
    return () => rmSync(dir, { recursive: true, force: true });
  });

  const lines = () => formatViolations(report.violations);

  it("finds a file outside every part", () => {
    expect(lines()).toContain("server/orphan.ts:1 (?): belongs to no part");
  });

  it("finds a never rule broken by a static, an `export from` and a dynamic import", () => {
    expect(lines()).toContain("server/domain/bad.ts:1 (Domain) → server/queries/read.ts (Queries): not allowed: pure");
    expect(lines()).toContain("server/commands/cast.ts:2 (Commands) → server/queries/read.ts (Queries): not allowed: no");
    expect(lines()).toContain("app/page.tsx:2 (UI) → server/testing/builder.ts (Tests): not allowed: no");
  });

  it("resolves the tsconfig's @/ paths and finds an arrow that is not drawn", () => {
    expect(lines()).toContain("app/page.tsx:1 (UI) → server/runtime.ts (Kernel): not allowed: UI may import Queries, Commands");
  });

  it("allows a type-only import where only types are drawn, and refuses the same import as a value", () => {
    expect(lines()).not.toContain("server/queries/read.ts:1");
    expect(lines()).toContain("server/queries/other.ts:1 (Queries) → server/commands/cast.ts (Commands): not allowed: Queries may import Kernel, Domain");
  });

  it("finds the database handle used outside its parts, however it is reached", () => {
    const uses = report.violations.filter((v) => v.rule === "database handle").map((v) => `${v.from}:${v.line}`);
    expect(uses).toEqual(["app/page.tsx:4"]);
  });

  it("does not check what tests import, nor stylesheets", () => {
    expect(lines()).not.toContain("app/page.test.ts");
    expect(lines()).not.toContain("page.css");
  });

  it("finds a cycle between parts and names the import to cut", () => {
    const cycles = cycleViolations(report, arch).map((v) => `${v.from} (${v.fromPart}) → ${v.to} (${v.toPart}): ${v.detail}`);
    expect(cycles).toEqual([
      "server/commands/cast.ts (Commands) → server/queries/read.ts (Queries): closes the cycle Commands → Queries → Commands",
      "server/domain/bad.ts (Domain) → server/queries/read.ts (Queries): closes the cycle Domain → Queries → Commands → Domain",
      "server/queries/other.ts (Queries) → server/commands/cast.ts (Commands): closes the cycle Queries → Commands → Queries",
    ]);
  });

  it("gives the file named exactly to a part precedence over another part's folder", () => {
    const classify = classifier({
      ...arch,
      parts: [...arch.parts, { name: "Entry", files: ["server/commands/main.ts"], what: "e", mayImport: [], mayImportTypes: [] }],
    });
    expect(classify("server/commands/main.ts")).toEqual({ part: "Entry" });
    expect(classify("server/commands/cast.ts")).toEqual({ part: "Commands" });
    expect(classify("server/commands/cast.test.ts")).toEqual({ part: TESTS });
  });
});
