import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The two-level domain taxonomy (SPEC "Domain tags"): [slug, name, children]. Data, so a migration. */
const TAXONOMY: [string, string, [string, string][]][] = [
  [
    'home',
    'Home',
    [
      ['home.furniture', 'Furniture'],
      ['home.decor', 'Decor'],
      ['home.kitchen', 'Kitchen'],
      ['home.storage', 'Storage'],
    ],
  ],
  [
    'beauty',
    'Beauty',
    [
      ['beauty.skincare', 'Skincare'],
      ['beauty.makeup', 'Makeup'],
      ['beauty.haircare', 'Hair care'],
      ['beauty.fragrance', 'Fragrance'],
    ],
  ],
  [
    'digital',
    'Digital',
    [
      ['digital.phones', 'Phones'],
      ['digital.computers', 'Computers'],
      ['digital.audio', 'Audio'],
      ['digital.smart-home', 'Smart home'],
    ],
  ],
  [
    'fashion',
    'Fashion',
    [
      ['fashion.womenswear', 'Womenswear'],
      ['fashion.menswear', 'Menswear'],
      ['fashion.shoes', 'Shoes'],
      ['fashion.accessories', 'Accessories'],
    ],
  ],
  [
    'baby',
    'Baby & kids',
    [
      ['baby.feeding', 'Feeding'],
      ['baby.toys', 'Toys'],
      ['baby.clothing', 'Kids clothing'],
      ['baby.care', 'Baby care'],
    ],
  ],
  [
    'food',
    'Food',
    [
      ['food.snacks', 'Snacks'],
      ['food.fresh', 'Fresh produce'],
      ['food.drinks', 'Drinks'],
      ['food.health', 'Health food'],
    ],
  ],
  [
    'travel',
    'Travel',
    [
      ['travel.hotels', 'Hotels'],
      ['travel.outdoor', 'Outdoor'],
      ['travel.luggage', 'Luggage'],
    ],
  ],
  [
    'sports',
    'Sports',
    [
      ['sports.running', 'Running'],
      ['sports.fitness', 'Fitness'],
      ['sports.cycling', 'Cycling'],
      ['sports.outdoor-gear', 'Outdoor gear'],
    ],
  ],
  [
    'pets',
    'Pets',
    [
      ['pets.food', 'Pet food'],
      ['pets.supplies', 'Pet supplies'],
      ['pets.health', 'Pet health'],
    ],
  ],
  [
    'books',
    'Books & learning',
    [
      ['books.children', "Children's books"],
      ['books.courses', 'Courses'],
      ['books.stationery', 'Stationery'],
    ],
  ],
];

export class DomainTags1795689100000 implements MigrationInterface {
  name = 'DomainTags1795689100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    let position = 0;
    for (const [slug, name, children] of TAXONOMY) {
      await queryRunner.query(
        'INSERT INTO "domain_tags" ("slug", "name", "parent_slug", "position") VALUES ($1, $2, NULL, $3)',
        [slug, name, position++],
      );
      for (const [childSlug, childName] of children) {
        await queryRunner.query(
          'INSERT INTO "domain_tags" ("slug", "name", "parent_slug", "position") VALUES ($1, $2, $3, $4)',
          [childSlug, childName, slug, position++],
        );
      }
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DELETE FROM "domain_tags" WHERE "parent_slug" IS NOT NULL');
    await queryRunner.query('DELETE FROM "domain_tags"');
  }
}
