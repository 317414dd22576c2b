/** What the type icons are named by (ItemTypeIcon.astro draws /icons/<type>.svg). */
import type { ItemType } from '../lib/schema.ts';

export type IconType = ItemType | 'course';
