import { assertModelIndex, type PairCounts } from './counts';

/**
 * Cells as parallel typed arrays: the Newton loop and the bootstrap walk them thousands of times,
 * and flat Float64Arrays keep that loop free of property lookups and allocation. Ties and
 * both-bad are merged into `draws` because the fit treats them identically (half a win each).
 */
export interface PackedCells {
  readonly length: number;
  readonly a: Int32Array;
  readonly b: Int32Array;
  readonly winsA: Float64Array;
  readonly winsB: Float64Array;
  readonly draws: Float64Array;
}

function assertCount(value: number, name: string): void {
  if (!(value >= 0) || !Number.isFinite(value)) {
    throw new RangeError(`${name} must be a finite count >= 0, got ${value}`);
  }
}

/** Validate and pack cells; empty cells are dropped since they carry no information. */
export function packCells(cells: readonly PairCounts[], modelCount: number): PackedCells {
  const kept = cells.filter((cell) => {
    assertModelIndex(cell.a, modelCount, 'cell.a');
    assertModelIndex(cell.b, modelCount, 'cell.b');
    if (cell.a >= cell.b) {
      throw new RangeError(`cells must be in canonical order a < b, got (${cell.a}, ${cell.b})`);
    }
    assertCount(cell.winsA, 'winsA');
    assertCount(cell.winsB, 'winsB');
    assertCount(cell.ties, 'ties');
    assertCount(cell.bothBad, 'bothBad');
    return cell.winsA + cell.winsB + cell.ties + cell.bothBad > 0;
  });
  const packed = emptyPackedCells(kept.length);
  kept.forEach((cell, i) => {
    packed.a[i] = cell.a;
    packed.b[i] = cell.b;
    packed.winsA[i] = cell.winsA;
    packed.winsB[i] = cell.winsB;
    packed.draws[i] = cell.ties + cell.bothBad;
  });
  return packed;
}

export function emptyPackedCells(length: number): PackedCells {
  return {
    length,
    a: new Int32Array(length),
    b: new Int32Array(length),
    winsA: new Float64Array(length),
    winsB: new Float64Array(length),
    draws: new Float64Array(length),
  };
}

/** Votes per model in packed cells: 0 marks a model the data say nothing about. */
export function packedModelVotes(cells: PackedCells, modelCount: number): Float64Array {
  const votes = new Float64Array(modelCount);
  for (let c = 0; c < cells.length; c += 1) {
    const total =
      (cells.winsA[c] as number) + (cells.winsB[c] as number) + (cells.draws[c] as number);
    const a = cells.a[c] as number;
    const b = cells.b[c] as number;
    votes[a] = (votes[a] as number) + total;
    votes[b] = (votes[b] as number) + total;
  }
  return votes;
}
