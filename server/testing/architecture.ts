/**
 * Reads the parts and arrows of docs/architecture.json and checks the source tree against them: every import of
 * every production file (static, dynamic `import()`, `export … from`, `import("…")` types, `require`) is resolved
 * with the TypeScript compiler's own module resolution and the project's tsconfig (so `@/…` paths resolve as the
 * compiler resolves them), then compared with the arrows. Also finds uses of the database handle and cycles between
 * parts. Used by server/architecture.test.ts; it only reads files.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { z } from "zod";

const partSchema = z.object({
  name: z.string().regex(/^[A-Z][A-Za-z]+$/),
  files: z.array(z.string().min(1)).min(1),
  what: z.string().min(1),
  mayImport: z.array(z.string()),
  /** Parts this one may import types from (`import type`), beyond mayImport. */
  mayImportTypes: z.array(z.string()).default([]),
  why: z.string().optional(),
});

const neverSchema = z.object({
  rule: z.string().min(1),
  from: z.array(z.string()).min(1),
  to: z.array(z.string()).min(1),
  except: z.array(z.string()).default([]),
  why: z.string().min(1),
});

const architectureSchema = z.object({
  $comment: z.string().optional(),
  sources: z.object({ roots: z.array(z.string()).min(1), extensions: z.array(z.string()).min(1) }),
  parts: z.array(partSchema).min(1),
  tests: z.object({ files: z.array(z.string()).min(1), what: z.string() }),
  never: z.array(neverSchema),
  databaseHandle: z.object({
    what: z.string(),
    allowedIn: z.array(z.string()).min(1),
    /** `getRuntime().db`, `const { db } = getRuntime()`, `runtime.db` after `const runtime = getRuntime()`. */
    runtimeProperty: z.string(),
    /** Value imports of these names from files matching these globs count as taking the handle. */
    accessors: z.object({ files: z.array(z.string()), names: z.array(z.string()) }),
  }),
});

export type Architecture = z.infer<typeof architectureSchema>;
export type Part = Architecture["parts"][number];

/** The pseudo-part of test code; "*" in a never rule means every production part. */
export const TESTS = "Tests";
export const ANY_PRODUCTION = "*";

export function loadArchitecture(root: string, file = "docs/architecture.json"): Architecture {
  return architectureSchema.parse(JSON.parse(readFileSync(path.join(root, file), "utf8")));
}

/** Glob to regular expression: `**` any folders, `*` any name part, otherwise literal. */
export function globToRegExp(glob: string): RegExp {
  let out = "";
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i] as string;
    if (c === "*" && glob[i + 1] === "*") {
      const slash = glob[i + 2] === "/";
      out += slash ? "(?:.*/)?" : ".*";
      i += slash ? 2 : 1;
    } else if (c === "*") out += "[^/]*";
    else out += c.replace(/[.+?^${}()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${out}$`);
}

const matcher = (globs: string[]) => {
  const res = globs.map(globToRegExp);
  return (file: string) => res.some((re) => re.test(file));
};

export type Classifier = (file: string) => { part?: string; problem?: string };

/**
 * Which part a repository-relative file (posix separators) belongs to. Test files are tests wherever they sit; a file
 * named exactly by one part belongs to it even when another part's glob covers its folder.
 */
export function classifier(arch: Architecture): Classifier {
  const isTest = matcher(arch.tests.files);
  const parts = arch.parts.map((part) => ({ name: part.name, exact: new Set(part.files.filter((f) => !f.includes("*"))), matches: matcher(part.files) }));
  return (file) => {
    if (isTest(file)) return { part: TESTS };
    const named = parts.filter((part) => part.exact.has(file)).map((part) => part.name);
    const owners = named.length > 0 ? named : parts.filter((part) => part.matches(file)).map((part) => part.name);
    if (owners.length === 1) return { part: owners[0] };
    if (owners.length === 0) return { problem: "belongs to no part" };
    return { problem: `belongs to several parts (${owners.join(", ")})` };
  };
}

export type ImportKind = "value" | "type";
export type Import = { specifier: string; kind: ImportKind; line: number; target?: string; unresolved?: boolean };
export type DbUse = { line: number; how: string };
export type NamedImport = { specifier: string; names: string[]; line: number };
export type SourceFacts = { file: string; imports: Import[]; dbUses: DbUse[]; namedImports: NamedImport[] };

function isTypeOnlyImport(node: ts.ImportDeclaration): boolean {
  const clause = node.importClause;
  if (!clause) return false; // `import "x"` runs the module
  if (clause.isTypeOnly) return true;
  if (clause.name) return false;
  const bindings = clause.namedBindings;
  return bindings !== undefined && ts.isNamedImports(bindings) && bindings.elements.length > 0 && bindings.elements.every((e) => e.isTypeOnly);
}

function isTypeOnlyExport(node: ts.ExportDeclaration): boolean {
  if (node.isTypeOnly) return true;
  const clause = node.exportClause;
  return clause !== undefined && ts.isNamedExports(clause) && clause.elements.length > 0 && clause.elements.every((e) => e.isTypeOnly);
}

const isGetRuntimeCall = (node: ts.Node | undefined): boolean =>
  node !== undefined && ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === "getRuntime";

/** Imports and database-handle uses of one file, from its syntax alone (no type checking: fast). */
export function readSource(root: string, file: string, arch: Architecture): SourceFacts {
  const text = readFileSync(path.join(root, file), "utf8");
  const kind = file.endsWith(".tsx") ? ts.ScriptKind.TSX : /\.m?js$/.test(file) ? ts.ScriptKind.JS : ts.ScriptKind.TS;
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true, kind);
  const imports: Import[] = [];
  const dbUses: DbUse[] = [];
  const handle = arch.databaseHandle;
  const runtimeVariables = new Set<string>();
  const lineOf = (node: ts.Node) => source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
  const add = (spec: ts.Expression | undefined, kind: ImportKind, node: ts.Node) => {
    if (spec && ts.isStringLiteralLike(spec)) imports.push({ specifier: spec.text, kind, line: lineOf(node) });
  };
  const accessorImports: NamedImport[] = [];

  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) {
      const typeOnly = isTypeOnlyImport(node);
      add(node.moduleSpecifier, typeOnly ? "type" : "value", node);
      const bindings = node.importClause?.namedBindings;
      if (!typeOnly && !node.importClause?.isTypeOnly && bindings && ts.isNamedImports(bindings) && ts.isStringLiteralLike(node.moduleSpecifier)) {
        const names = bindings.elements.filter((e) => !e.isTypeOnly).map((e) => (e.propertyName ?? e.name).text);
        accessorImports.push({ specifier: node.moduleSpecifier.text, names, line: lineOf(node) });
      }
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier) {
      add(node.moduleSpecifier, isTypeOnlyExport(node) ? "type" : "value", node);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      add(node.moduleReference.expression, node.isTypeOnly ? "type" : "value", node);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      add(node.argument.literal, "type", node);
    } else if (ts.isCallExpression(node)) {
      const callee = node.expression;
      if (callee.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(callee) && callee.text === "require")) add(node.arguments[0], "value", node);
    }
    // The database handle: getRuntime().db, runtime.db (runtime = getRuntime()), const { db } = getRuntime().
    if (ts.isVariableDeclaration(node) && isGetRuntimeCall(node.initializer)) {
      if (ts.isIdentifier(node.name)) runtimeVariables.add(node.name.text);
      else if (ts.isObjectBindingPattern(node.name)) {
        for (const element of node.name.elements) {
          const key = element.propertyName ?? element.name;
          if (ts.isIdentifier(key) && key.text === handle.runtimeProperty)
            dbUses.push({ line: lineOf(node), how: `{ ${handle.runtimeProperty} } = getRuntime()` });
        }
      }
    }
    if (ts.isPropertyAccessExpression(node) && node.name.text === handle.runtimeProperty) {
      const target = node.expression;
      if (isGetRuntimeCall(target)) dbUses.push({ line: lineOf(node), how: `getRuntime().${handle.runtimeProperty}` });
      else if (ts.isIdentifier(target) && runtimeVariables.has(target.text))
        dbUses.push({ line: lineOf(node), how: `${target.text}.${handle.runtimeProperty}` });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return { file, imports, dbUses, namedImports: accessorImports };
}

function listFiles(root: string, arch: Architecture): string[] {
  const exts = arch.sources.extensions;
  const keep = (name: string) => exts.some((ext) => name.endsWith(ext)) && !name.endsWith(".d.ts") && !name.endsWith(".d.mts");
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const entry of readdirSync(path.join(root, rel), { withFileTypes: true })) {
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (entry.name !== "node_modules" && !entry.name.startsWith(".")) walk(child);
      } else if (keep(entry.name)) out.push(child);
    }
  };
  for (const sourceRoot of arch.sources.roots) {
    if (sourceRoot.includes(".")) out.push(sourceRoot);
    else walk(sourceRoot);
  }
  return out.sort();
}

const ASSET = /\.(css|svg|png|jpe?g|ico|woff2?)$/;

export type Violation = { rule: string; from: string; fromPart: string; to?: string; toPart?: string; line: number; detail: string };
export type Report = {
  files: number;
  production: number;
  violations: Violation[];
  partOf: Map<string, string>;
  edges: Map<string, Violation[]>;
  valueEdges: Map<string, Violation[]>;
};

/** Resolves every import with the compiler's resolution and the project's tsconfig, then checks it. */
export function checkArchitecture(root: string, arch: Architecture = loadArchitecture(root)): Report {
  const config = ts.getParsedCommandLineOfConfigFile(path.join(root, "tsconfig.json"), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
  if (!config) throw new Error("tsconfig.json could not be read");
  const options = config.options;
  const cache = ts.createModuleResolutionCache(root, (name) => name, options);
  const classify = classifier(arch);
  const files = listFiles(root, arch);
  const partOf = new Map<string, string>();
  const violations: Violation[] = [];
  const edges = new Map<string, Violation[]>(); // "A→B" → the imports that draw it (production only)
  const valueEdges = new Map<string, Violation[]>(); // the same, without type-only imports
  const parts = new Map(arch.parts.map((part) => [part.name, part]));
  const neverRules = arch.never;
  const matchesSide = (names: string[], part: string) => names.includes(part) || (names.includes(ANY_PRODUCTION) && part !== TESTS);
  const dbAllowed = new Set(arch.databaseHandle.allowedIn);
  const isAccessorFile = matcher(arch.databaseHandle.accessors.files);
  const relative = (abs: string) => path.relative(root, abs).split(path.sep).join("/");

  let production = 0;
  for (const file of files) {
    const owner = classify(file);
    if (owner.problem || !owner.part) {
      violations.push({ rule: "every production file belongs to one part", from: file, fromPart: "?", line: 1, detail: owner.problem ?? "belongs to no part" });
      continue;
    }
    partOf.set(file, owner.part);
    if (owner.part === TESTS) continue;
    production++;
    const fromPart = owner.part;
    const facts = readSource(root, file, arch);
    const uses = [...facts.dbUses];
    // A value import of an accessor's name from the accessor's own files takes the handle too.
    for (const named of facts.namedImports) {
      const names = named.names.filter((name) => arch.databaseHandle.accessors.names.includes(name));
      if (names.length === 0 || isAccessorFile(file)) continue;
      const target = ts.resolveModuleName(named.specifier, path.join(root, file), options, ts.sys, cache).resolvedModule;
      if (target && !target.isExternalLibraryImport && isAccessorFile(relative(target.resolvedFileName))) {
        uses.push({ line: named.line, how: `import { ${names.join(", ")} } from "${named.specifier}"` });
      }
    }
    for (const use of uses) {
      if (!dbAllowed.has(fromPart)) {
        violations.push({
          rule: "database handle",
          from: file,
          fromPart,
          line: use.line,
          detail: `${use.how}: ${fromPart} does not own data`,
        });
      }
    }
    for (const imp of facts.imports) {
      if (ASSET.test(imp.specifier)) continue; // stylesheets and images are bundled by Next, not code
      const resolved = ts.resolveModuleName(imp.specifier, path.join(root, file), options, ts.sys, cache).resolvedModule;
      const isLocal = imp.specifier.startsWith(".") || imp.specifier.startsWith("@/");
      if (!resolved) {
        if (isLocal) violations.push({ rule: "imports resolve", from: file, fromPart, line: imp.line, detail: `"${imp.specifier}" does not resolve` });
        continue;
      }
      if (resolved.isExternalLibraryImport) continue;
      const to = relative(resolved.resolvedFileName);
      if (to.startsWith("..") || to.startsWith("node_modules/")) continue;
      const target = classify(to);
      const toPart = target.part ?? "?";
      if (toPart === fromPart) continue;
      const base = { from: file, fromPart, to, toPart, line: imp.line };
      const typeNote = imp.kind === "type" ? " (type-only import)" : "";
      const edge = `${fromPart}→${toPart}`;
      if (!edges.has(edge)) edges.set(edge, []);
      edges.get(edge)?.push({ ...base, rule: "cycle", detail: imp.specifier });
      if (imp.kind === "value") valueEdges.set(edge, [...(valueEdges.get(edge) ?? []), { ...base, rule: "cycle", detail: imp.specifier }]);
      const never = neverRules.find((rule) => matchesSide(rule.from, fromPart) && matchesSide(rule.to, toPart) && !rule.except.includes(toPart));
      if (never) {
        violations.push({ ...base, rule: never.rule, detail: `not allowed${typeNote}: ${never.why}` });
        continue;
      }
      const part = parts.get(fromPart);
      const allowed = part ? [...part.mayImport, ...(imp.kind === "type" ? part.mayImportTypes : [])] : [];
      if (!allowed.includes(toPart)) {
        const drawn = part?.mayImport.length ? part.mayImport.join(", ") : "nothing";
        violations.push({ ...base, rule: "arrow not drawn in docs/architecture.json", detail: `not allowed${typeNote}: ${fromPart} may import ${drawn}` });
      }
    }
  }
  return { files: files.length, production, violations, partOf, edges, valueEdges };
}

/** Strongly connected components with more than one part (Tarjan), over "A→B" edge keys. */
export function partCycles(edges: Iterable<string>): string[][] {
  const graph = new Map<string, string[]>();
  for (const edge of edges) {
    const [from, to] = edge.split("→") as [string, string];
    if (from === TESTS || to === TESTS) continue;
    graph.set(from, [...(graph.get(from) ?? []), to]);
    if (!graph.has(to)) graph.set(to, []);
  }
  let index = 0;
  const indices = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const connect = (node: string) => {
    indices.set(node, index);
    low.set(node, index++);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!indices.has(next)) {
        connect(next);
        low.set(node, Math.min(low.get(node) as number, low.get(next) as number));
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node) as number, indices.get(next) as number));
    }
    if (low.get(node) === indices.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop() as string;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1) components.push(component.sort());
    }
  };
  for (const node of [...graph.keys()].sort()) if (!indices.has(node)) connect(node);
  return components;
}

/** The shortest path of parts from → … → to over the given edges (breadth first), or undefined. */
function shortestPath(edges: Iterable<string>, from: string, to: string): string[] | undefined {
  const next = new Map<string, string[]>();
  for (const edge of edges) {
    const [a, b] = edge.split("→") as [string, string];
    next.set(a, [...(next.get(a) ?? []), b]);
  }
  const previous = new Map<string, string>([[from, from]]);
  const queue = [from];
  while (queue.length > 0) {
    const node = queue.shift() as string;
    if (node === to) {
      const path = [to];
      while (path[0] !== from) path.unshift(previous.get(path[0] as string) as string);
      return path;
    }
    for (const n of next.get(node) ?? []) {
      if (previous.has(n)) continue;
      previous.set(n, node);
      queue.push(n);
    }
  }
  return undefined;
}

/**
 * One line per import that closes a cycle between parts: for every import edge A→B that the parts file does not
 * draw and that lies on a cycle, the shortest cycle through it and one import that makes the edge. Cutting these
 * edges removes every cycle, because the drawn arrows alone have none (checked separately). Only imports that load
 * code count: a type-only import is erased by the compiler and cannot make a cycle at run time (it must still follow
 * the arrows, which is checked separately).
 */
export function cycleViolations(report: Report, arch: Architecture): Violation[] {
  const drawn = drawnEdges(arch, "value");
  const edges = [...report.valueEdges.keys()].filter((edge) => !edge.includes(TESTS) && !edge.includes("?"));
  const out: Violation[] = [];
  for (const component of partCycles(edges)) {
    const inside = edges.filter((edge) => component.includes(edge.split("→")[0] as string) && component.includes(edge.split("→")[1] as string));
    for (const edge of inside.filter((e) => !drawn.has(e)).sort()) {
      const [a, b] = edge.split("→") as [string, string];
      const back = shortestPath(inside, b, a);
      if (!back) continue;
      const example = report.valueEdges.get(edge)?.[0];
      if (!example) continue;
      out.push({ ...example, rule: "no import cycles between parts", detail: `closes the cycle ${[a, ...back].join(" → ")}` });
    }
  }
  return out;
}

/** The drawn arrows as "A→B" keys, for checking the file itself; "value" leaves out the arrows drawn for types only. */
export function drawnEdges(arch: Architecture, kinds: "value" | "all" = "all"): Set<string> {
  const edges = new Set<string>();
  for (const part of arch.parts) {
    for (const to of [...part.mayImport, ...(kinds === "all" ? part.mayImportTypes : [])]) edges.add(`${part.name}→${to}`);
  }
  return edges;
}

/** Readable lines, grouped by rule, for a failing test. */
export function formatViolations(violations: Violation[]): string {
  const byRule = new Map<string, Violation[]>();
  for (const v of violations) byRule.set(v.rule, [...(byRule.get(v.rule) ?? []), v]);
  const lines: string[] = [];
  for (const [rule, list] of byRule) {
    lines.push(`\n${rule} (${list.length}):`);
    for (const v of list)
      lines.push(v.to ? `  ${v.from}:${v.line} (${v.fromPart}) → ${v.to} (${v.toPart}): ${v.detail}` : `  ${v.from}:${v.line} (${v.fromPart}): ${v.detail}`);
  }
  return lines.join("\n");
}

/** The parts table of docs/architecture.md, generated from the JSON (the doc must contain it as is). */
export function partsTable(arch: Architecture): string {
  const code = (globs: string[]) => globs.map((g) => `\`${g}\``).join(", ");
  const rows = arch.parts.map((part) => {
    const arrows = [part.mayImport.join(", "), part.mayImportTypes.length ? `types from ${part.mayImportTypes.join(", ")}` : ""].filter(Boolean);
    return `| ${part.name} | ${code(part.files)} | ${part.what} | ${arrows.length ? arrows.join("; ") : "—"} |`;
  });
  rows.push(`| ${TESTS} | ${code(arch.tests.files)} | ${arch.tests.what} | anything |`);
  return ["| part | files | what it is | may import |", "| --- | --- | --- | --- |", ...rows].join("\n");
}

/** The "never" list of docs/architecture.md, generated from the JSON. */
export function neverList(arch: Architecture): string {
  const side = (names: string[]) => names.map((n) => (n === ANY_PRODUCTION ? "any production part" : n)).join(", ");
  const except = (names: string[]) => (names.length ? ` except ${names.join(", ")}` : "");
  const lines = arch.never.map((rule) => `- **${rule.rule}**: ${side(rule.from)} → ${side(rule.to)}${except(rule.except)}. ${rule.why}`);
  lines.push(`- **database handle**: only ${arch.databaseHandle.allowedIn.join(", ")}. ${arch.databaseHandle.what}`);
  return lines.join("\n");
}
