import { describe, expect, it } from "vitest";
import { checkLoopbackHost, isLoopbackAuthority } from "./http-transport.js";

describe("checkLoopbackHost", () => {
  it.each([["127.0.0.1"], ["::1"], ["localhost"]])("accepts %s", (host) => {
    expect(() => checkLoopbackHost(host)).not.toThrow();
  });
  it.each([["0.0.0.0"], ["::"], ["192.168.1.5"], ["example.com"], [""]])("refuses %o", (host) => {
    expect(() => checkLoopbackHost(host)).toThrow(/listens on loopback only/);
  });
});

describe("isLoopbackAuthority", () => {
  it.each([
    ["127.0.0.1:8931", 8931, true],
    ["localhost:8931", 8931, true],
    ["LOCALHOST:8931", 8931, true],
    ["[::1]:8931", 8931, true],
    ["127.0.0.1:8932", 8931, false],
    ["127.0.0.1", 8931, false],
    ["127.0.0.1", 80, true],
    ["attacker.example:8931", 8931, false],
    ["127.0.0.1.attacker.example:8931", 8931, false],
    ["localhost.attacker.example:8931", 8931, false],
    [undefined, 8931, false],
  ])("%o on port %i → %s", (authority, port, expected) => {
    expect(isLoopbackAuthority(authority, port)).toBe(expected);
  });
});
