import { z } from 'zod';

/** The published catalogue of the remote desktop's software (R19): what a project may order. */
export const catalogueEntry = z.object({
  id: z.string(),
  name: z.string(),
  /** In both languages; either may be empty, and a page then shows the other. */
  description: z.object({ en: z.string(), sv: z.string() }),
  /** Licences shared by every user; null: unlimited. */
  seats: z.number().int().nonnegative().nullable(),
});
export type CatalogueEntry = z.output<typeof catalogueEntry>;

export const catalogue = z.object({ software: z.array(catalogueEntry) });
