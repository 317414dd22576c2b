/** What the type icons are named by, shared by the sprite and each icon that uses it. */
import type { ItemType } from '../lib/schema.ts';

export type IconType = ItemType | 'course';

/** The id of a type's symbol in the page's sprite (ItemTypeIconSprite.astro). */
export const itemTypeIconId = (type: IconType): string => `icon-${type}`;
