import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Each tag's Chinese name (SPEC "Language and conversation"): the words a Taobao merchant uses. */
const CHINESE_NAMES: Record<string, string> = {
  home: '家居',
  'home.furniture': '家具',
  'home.decor': '家居软装',
  'home.kitchen': '厨房用品',
  'home.storage': '收纳整理',
  beauty: '美妆',
  'beauty.skincare': '护肤',
  'beauty.makeup': '彩妆',
  'beauty.haircare': '美发护发',
  'beauty.fragrance': '香水香氛',
  digital: '数码',
  'digital.phones': '手机',
  'digital.computers': '电脑办公',
  'digital.audio': '影音耳机',
  'digital.smart-home': '智能家居',
  fashion: '服饰',
  'fashion.womenswear': '女装',
  'fashion.menswear': '男装',
  'fashion.shoes': '鞋靴',
  'fashion.accessories': '配饰',
  baby: '母婴',
  'baby.feeding': '喂养用品',
  'baby.toys': '玩具',
  'baby.clothing': '童装',
  'baby.care': '婴童护理',
  food: '食品',
  'food.snacks': '零食',
  'food.fresh': '生鲜',
  'food.drinks': '酒水饮料',
  'food.health': '营养保健',
  travel: '旅行',
  'travel.hotels': '酒店',
  'travel.outdoor': '户外出行',
  'travel.luggage': '箱包',
  sports: '运动',
  'sports.running': '跑步',
  'sports.fitness': '健身',
  'sports.cycling': '骑行',
  'sports.outdoor-gear': '户外装备',
  pets: '宠物',
  'pets.food': '宠物主粮',
  'pets.supplies': '宠物用品',
  'pets.health': '宠物健康',
  books: '图书',
  'books.children': '童书',
  'books.courses': '知识课程',
  'books.stationery': '文具',
};

/**
 * The CJK ideographs search indexes (the Unified block, extension A, compatibility ideographs), as a
 * regular-expression class. libs/core's `cjkSearchGrams` uses the same class: the grams a query asks
 * for must be the grams the index holds.
 */
const CJK_CLASS = '[\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff]';

/**
 * Chinese names for the taxonomy, and search that matches Chinese.
 *
 * Chinese words are one or two characters and are not separated by spaces, so trigrams (pg_trgm) cannot
 * find them: a two-character word has no trigram of its own, and under a C character type pg_trgm drops
 * CJK characters altogether. `cjk_search_grams(text)` lists every CJK character and every pair of
 * adjacent CJK characters in a text; a GIN index over it finds the rows holding all of a query's pairs
 * (`@>`), which the query then rechecks as a substring (the pairs must also be adjacent and in order).
 * Regular-expression classes compare code points, so the function gives the same answer under any
 * locale: it is IMMUTABLE, and an existing C-locale database matches Chinese just as well.
 */
export class ChineseTagsAndSearch1796500000000 implements MigrationInterface {
  name = 'ChineseTagsAndSearch1796500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "domain_tags" RENAME COLUMN "name" TO "name_en"');
    await queryRunner.query('ALTER TABLE "domain_tags" ADD "name_zh" character varying(80)');
    for (const [slug, nameZh] of Object.entries(CHINESE_NAMES)) {
      await queryRunner.query('UPDATE "domain_tags" SET "name_zh" = $2 WHERE "slug" = $1', [slug, nameZh]);
    }
    // A tag added later without a Chinese name would show its English one rather than nothing.
    await queryRunner.query('UPDATE "domain_tags" SET "name_zh" = "name_en" WHERE "name_zh" IS NULL');
    await queryRunner.query('ALTER TABLE "domain_tags" ALTER COLUMN "name_zh" SET NOT NULL');

    await queryRunner.query(`
      CREATE FUNCTION cjk_search_grams(input text) RETURNS text[]
        LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
          SELECT coalesce(array_agg(DISTINCT gram), '{}')
            FROM regexp_matches(input, '${CJK_CLASS}+', 'g') AS run(parts)
           CROSS JOIN LATERAL generate_series(1, char_length(parts[1])) AS at(i)
           CROSS JOIN LATERAL (VALUES (substr(parts[1], i, 1)), (substr(parts[1], i, 2))) AS grams(gram)
        $$`);
    // The same expressions the searches filter on (libs/marketplace, libs/accounts), so the planner matches them.
    await queryRunner.query(
      `CREATE INDEX tasks_text_cjk ON tasks USING gin (cjk_search_grams(title || ' ' || brief))`,
    );
    await queryRunner.query(
      `CREATE INDEX offers_text_cjk ON offers USING gin (cjk_search_grams(title || ' ' || description))`,
    );
    await queryRunner.query(
      `CREATE INDEX offers_text_trgm ON offers USING gin ((title || ' ' || description) gin_trgm_ops)`,
    );
    await queryRunner.query(
      'CREATE INDEX creators_handle_cjk ON creators USING gin (cjk_search_grams(handle))',
    );
    await queryRunner.query('CREATE INDEX creators_bio_cjk ON creators USING gin (cjk_search_grams(bio))');
    await queryRunner.query(
      'CREATE INDEX users_display_name_cjk ON users USING gin (cjk_search_grams(display_name))',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX users_display_name_cjk');
    await queryRunner.query('DROP INDEX creators_bio_cjk');
    await queryRunner.query('DROP INDEX creators_handle_cjk');
    await queryRunner.query('DROP INDEX offers_text_trgm');
    await queryRunner.query('DROP INDEX offers_text_cjk');
    await queryRunner.query('DROP INDEX tasks_text_cjk');
    await queryRunner.query('DROP FUNCTION cjk_search_grams(text)');
    await queryRunner.query('ALTER TABLE "domain_tags" DROP COLUMN "name_zh"');
    await queryRunner.query('ALTER TABLE "domain_tags" RENAME COLUMN "name_en" TO "name"');
  }
}
