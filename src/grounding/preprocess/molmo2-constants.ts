/**
 * Fixed geometry of the Molmo2 / MolmoPoint image pre-processing (MOLMOPOINT_SPEC.md §1-2). These are
 * properties of the SigLIP vision encoder the model was trained with, not tuning knobs.
 */

/** Side of one ViT input crop in pixels: 378. */
export const CROP_SIZE = 378;
/** Side of one ViT patch in pixels: 14. */
export const PATCH_SIZE = 14;
/** ViT patches per crop side: 27. */
export const PATCHES_PER_CROP_SIDE = CROP_SIZE / PATCH_SIZE;
/** ViT patches per crop: 729. */
export const PATCHES_PER_CROP = PATCHES_PER_CROP_SIDE * PATCHES_PER_CROP_SIDE;
/** Values per flattened patch (14 × 14 × 3): 588. */
export const VALUES_PER_PATCH = PATCH_SIZE * PATCH_SIZE * 3;
/** Patches dropped on each inner edge of an overlapping crop: 4. */
export const OVERLAP_MARGIN_PATCHES = 4;
/** Patches each crop contributes along a side once the margins are removed: 19. */
export const CROP_WINDOW_PATCHES = PATCHES_PER_CROP_SIDE - 2 * OVERLAP_MARGIN_PATCHES;
/** Stride between neighbouring crops in pixels (19 × 14): 266. */
export const CROP_STRIDE = CROP_WINDOW_PATCHES * PATCH_SIZE;
/** Total margin added to the tiled canvas (8 × 14): 112 px. */
export const TOTAL_MARGIN = 2 * OVERLAP_MARGIN_PATCHES * PATCH_SIZE;
/** Side of the pooled token grid of the global crop (27 padded to 28, then 2×2): 14. */
export const GLOBAL_TOKEN_GRID_SIDE = Math.ceil(PATCHES_PER_CROP_SIDE / 2);
/** Pooling rows of the global crop: 196. */
export const GLOBAL_TOKENS = GLOBAL_TOKEN_GRID_SIDE * GLOBAL_TOKEN_GRID_SIDE;
/**
 * Location cells per ViT-patch side are 3, but upstream spaces their centres by this constant,
 * not by 1/3 (golden README §4.2): 0.33.
 */
export const LOCATION_CELL_FRACTION = 0.33;

/** Default crop budget: 48, what MolmoPoint-GUI was fine-tuned with (MOLMOPOINT_SPEC.md §2.9). */
export const DEFAULT_MAX_CROPS = 48;
/** Largest accepted crop budget: 128 (129 crops of float32 pixels ≈ 221 MB). */
export const MAX_MAX_CROPS = 128;
/**
 * Smallest accepted image side: 2 px. A 1-px side has no extent to point into; upstream would
 * stretch it to a 378 × 378 canvas and return points inside a single pixel.
 */
export const MIN_IMAGE_SIDE = 2;
