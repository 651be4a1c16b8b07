import type { Tiling } from "./select-tiling.js";
import { CROP_WINDOW_PATCHES, OVERLAP_MARGIN_PATCHES, PATCHES_PER_CROP, PATCHES_PER_CROP_SIDE } from "./molmo2-constants.js";

/** A row-major int32 grid. */
export interface IntGrid {
  readonly rows: number;
  readonly cols: number;
  readonly data: Int32Array;
}

/**
 * The canvas's ViT-patch grid `[Hg, Wg]` (`Hg = 19*rows + 8`, `Wg = 19*cols + 8`): for every 14 × 14
 * canvas cell, the id `crop_index*729 + patch_index` of the crop patch that supplies it, with the
 * global crop as crop 0 (so high-res ids start at 729). As Molmo2's `build_overlapping_crops`
 * (patch ordering) plus the +729 offset of `image_to_patches_and_grids`: each crop drops 4 patches
 * on every edge it shares with a neighbour, and the survivors tile the canvas once.
 */
export function buildSubpatchMapping(tiling: Tiling): IntGrid {
  const gridRows = CROP_WINDOW_PATCHES * tiling.rows + 2 * OVERLAP_MARGIN_PATCHES;
  const gridCols = CROP_WINDOW_PATCHES * tiling.cols + 2 * OVERLAP_MARGIN_PATCHES;
  const data = new Int32Array(gridRows * gridCols);
  for (let cropRow = 0; cropRow < tiling.rows; cropRow++) {
    const firstRow = cropRow === 0 ? 0 : OVERLAP_MARGIN_PATCHES;
    const endRow = cropRow === tiling.rows - 1 ? PATCHES_PER_CROP_SIDE : PATCHES_PER_CROP_SIDE - OVERLAP_MARGIN_PATCHES;
    for (let cropCol = 0; cropCol < tiling.cols; cropCol++) {
      const firstCol = cropCol === 0 ? 0 : OVERLAP_MARGIN_PATCHES;
      const endCol = cropCol === tiling.cols - 1 ? PATCHES_PER_CROP_SIDE : PATCHES_PER_CROP_SIDE - OVERLAP_MARGIN_PATCHES;
      const cropBase = (1 + cropRow * tiling.cols + cropCol) * PATCHES_PER_CROP;
      for (let py = firstRow; py < endRow; py++) {
        const gridRow = cropRow * CROP_WINDOW_PATCHES + py;
        for (let px = firstCol; px < endCol; px++) {
          data[gridRow * gridCols + cropCol * CROP_WINDOW_PATCHES + px] = cropBase + py * PATCHES_PER_CROP_SIDE + px;
        }
      }
    }
  }
  return { rows: gridRows, cols: gridCols, data };
}

/**
 * Groups a grid of ViT patch ids into 2 × 2 blocks, as Molmo2's `arange_for_pooling(grid, 2, 2)`:
 * pads with -1 to even height and width at the bottom/right, then emits one row per block in raster
 * order, columns (top-left, top-right, bottom-left, bottom-right) = subpatch `2*dy + dx`.
 *
 * @returns `[ceil(rows/2) * ceil(cols/2), 4]` row-major, written into `target` from row `firstRow`.
 */
export function poolTwoByTwo(grid: IntGrid, target: Int32Array, firstRow: number): { tokenRows: number; tokenCols: number } {
  const tokenRows = Math.ceil(grid.rows / 2);
  const tokenCols = Math.ceil(grid.cols / 2);
  let out = firstRow * 4;
  for (let ty = 0; ty < tokenRows; ty++) {
    for (let tx = 0; tx < tokenCols; tx++) {
      for (let dy = 0; dy < 2; dy++) {
        const row = 2 * ty + dy;
        for (let dx = 0; dx < 2; dx++) {
          const col = 2 * tx + dx;
          target[out++] = row < grid.rows && col < grid.cols ? grid.data[row * grid.cols + col]! : -1;
        }
      }
    }
  }
  return { tokenRows, tokenCols };
}

/** The global crop's patch ids 0..728 as a 27 × 27 grid. */
export function globalCropGrid(): IntGrid {
  const data = new Int32Array(PATCHES_PER_CROP);
  for (let id = 0; id < PATCHES_PER_CROP; id++) data[id] = id;
  return { rows: PATCHES_PER_CROP_SIDE, cols: PATCHES_PER_CROP_SIDE, data };
}

/**
 * The pooling table `[N, 4]` of one image, as `image_to_patches_and_grids`: the global crop's 196
 * rows first, then the canvas's `th × tw` rows (`N = 196 + th*tw`). -1 marks padding.
 */
export function buildPoolingTable(subpatchMapping: IntGrid): { pooling: Int32Array; rows: number; tokenRows: number; tokenCols: number } {
  const global = globalCropGrid();
  const globalRows = Math.ceil(global.rows / 2) * Math.ceil(global.cols / 2);
  const tokenRows = Math.ceil(subpatchMapping.rows / 2);
  const tokenCols = Math.ceil(subpatchMapping.cols / 2);
  const rows = globalRows + tokenRows * tokenCols;
  const pooling = new Int32Array(rows * 4);
  poolTwoByTwo(global, pooling, 0);
  poolTwoByTwo(subpatchMapping, pooling, globalRows);
  return { pooling, rows, tokenRows, tokenCols };
}
