// The open validator's suite: every file under test/fixtures/validate/ is a small feed whose name
// says what the validator must find: "valid.<what>.<ext>" has no problem at all;
// "error.<rule>.<what>.<ext>" and "warning.<rule>.<what>.<ext>" hold a single fault, so exactly
// one problem is reported, with that rule and severity, a line, a column and an element path.
// Each file is checked whole and again cut into 7-byte chunks: streaming changes nothing.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { checkForeignFeed, ruleCatalog } from "../../../src/validate/open/index.js";
import { repoRoot } from "../../support/articles-dir.js";

const fixturesDir = path.join(repoRoot, "test", "fixtures", "validate");

interface Fixture {
  file: string;
  verdict: "valid" | "error" | "warning";
  rule?: string;
}

function fixtures(): Fixture[] {
  const found: Fixture[] = [];
  for (const group of readdirSync(fixturesDir).sort()) {
    for (const name of readdirSync(path.join(fixturesDir, group)).sort()) {
      const [verdict, rule] = name.split(".");
      if (verdict !== "valid" && verdict !== "error" && verdict !== "warning") {
        throw new Error(`${group}/${name}: a fixture's name starts with valid, error or warning`);
      }
      const file = `${group}/${name}`;
      found.push(verdict === "valid" ? { file, verdict } : { file, verdict, rule: rule ?? "" });
    }
  }
  return found;
}

function* chunksOf(bytes: Uint8Array, size: number): Generator<Uint8Array> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

const all = fixtures();

describe("the open validator's fixture suite", () => {
  it("holds at least 150 feeds, valid and single-fault, and names only rules that exist", () => {
    expect(all.length).toBeGreaterThanOrEqual(150);
    expect(all.filter((fixture) => fixture.verdict === "valid").length).toBeGreaterThanOrEqual(40);
    for (const fixture of all) {
      if (fixture.rule !== undefined)
        expect(Object.keys(ruleCatalog), fixture.file).toContain(fixture.rule);
    }
  });

  it("has a single-fault feed for every rule the validator reports", () => {
    const covered = new Set(all.map((fixture) => fixture.rule));
    expect(Object.keys(ruleCatalog).filter((rule) => !covered.has(rule))).toEqual([]);
  });

  it.each(all)("$file", async ({ file, verdict, rule }) => {
    const bytes = readFileSync(path.join(fixturesDir, file));
    const options = file.startsWith("podcast/")
      ? { mediaDir: path.join(fixturesDir, "..", "validate-media") }
      : {};
    const whole = await checkForeignFeed(file, [bytes], options);
    const chunked = await checkForeignFeed(file, chunksOf(bytes, 7), options);
    expect(chunked).toEqual(whole);
    const found = whole.problems.map(
      (problem) => `${problem.severity} ${problem.rule}: ${problem.message}`,
    );
    if (verdict === "valid") {
      expect(found).toEqual([]);
      return;
    }
    expect(found).toHaveLength(1);
    const [problem] = whole.problems;
    expect(problem).toMatchObject({ location: file, rule, severity: verdict });
    expect(problem?.line).toBeGreaterThanOrEqual(1);
    expect(problem?.column).toBeGreaterThanOrEqual(1);
    expect(problem?.path).toMatch(/^\//);
    expect(problem?.spec).toMatch(/^https:\/\//);
  });
});
