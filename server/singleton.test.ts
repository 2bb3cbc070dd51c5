import { afterEach, describe, expect, it } from "vitest";
import { processSingleton } from "./singleton";

const KEY = "__yishiSingletonTest";

describe("process singletons", () => {
  afterEach(() => {
    delete (globalThis as Record<string, unknown>)[KEY];
  });

  it("creates the value once and hands the same one to every caller, as a second copy of a module would ask", () => {
    let made = 0;
    const first = processSingleton(KEY, () => ({ n: ++made }));
    const second = processSingleton(KEY, () => ({ n: ++made }));
    expect(second).toBe(first);
    expect(made).toBe(1);
  });

  it("keeps a falsy value instead of creating it again", () => {
    let made = 0;
    processSingleton(KEY, () => ((made += 1), 0));
    expect(processSingleton(KEY, () => ((made += 1), 0))).toBe(0);
    expect(made).toBe(1);
  });
});
