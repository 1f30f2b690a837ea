import { createHash } from 'node:crypto';

/** 2^14 registers, as Redis: a standard error of 1.04/√16384 ≈ 0.81%. */
const P = 14;
const M = 1 << P;
const ALPHA = 0.7213 / (1 + 1.079 / M);
/** Up to this many members a set is kept exactly (and small audiences are counted exactly, as Redis' sparse form). */
const EXACT_UP_TO = 1000;

/**
 * The in-process stand-in for Redis' PFADD/PFCOUNT: exact for small sets, a HyperLogLog of 16 KB beyond
 * {@link EXACT_UP_TO} members, so memory stays bounded however viral a live gets. Unions are register-wise maxima.
 */
export class AudienceHyperLogLog {
  private exact: Set<string> | undefined = new Set();
  private registers: Uint8Array | undefined;

  add(member: string): void {
    if (this.exact) {
      this.exact.add(member);
      if (this.exact.size <= EXACT_UP_TO) return;
      this.registers = new Uint8Array(M);
      for (const m of this.exact) addToRegisters(this.registers, m);
      this.exact = undefined;
      return;
    }
    addToRegisters(this.registers!, member);
  }

  /** The number of distinct members of the union of `sets`. */
  static countUnion(sets: AudienceHyperLogLog[]): number {
    if (sets.every((s) => s.exact)) {
      const union = new Set<string>();
      for (const s of sets) for (const m of s.exact!) union.add(m);
      if (union.size <= EXACT_UP_TO) return union.size;
    }
    const merged = new Uint8Array(M);
    for (const s of sets) {
      if (s.exact) for (const m of s.exact) addToRegisters(merged, m);
      else for (let i = 0; i < M; i++) merged[i] = Math.max(merged[i]!, s.registers![i]!);
    }
    return estimate(merged);
  }
}

function addToRegisters(registers: Uint8Array, member: string): void {
  const hash = createHash('sha1').update(member).digest();
  const high = hash.readUInt32BE(0);
  const low = hash.readUInt32BE(4);
  const index = high >>> (32 - P);
  const rest = high & ((1 << (32 - P)) - 1);
  // Position of the first 1 in the 50 bits after the index (51 when they are all zero).
  const rank = rest !== 0 ? Math.clz32(rest) - P + 1 : 32 - P + Math.clz32(low) + 1;
  if (rank > registers[index]!) registers[index] = rank;
}

function estimate(registers: Uint8Array): number {
  let sum = 0;
  let zeros = 0;
  for (const r of registers) {
    sum += 2 ** -r;
    if (r === 0) zeros++;
  }
  const raw = (ALPHA * M * M) / sum;
  // Small cardinalities: linear counting is far more accurate there (Flajolet et al.).
  if (raw <= 2.5 * M && zeros > 0) return Math.round(M * Math.log(M / zeros));
  return Math.round(raw);
}
