import { expectWellFormedErrors } from './support/errors';
import { ADMIN_ENV, logInAdmin, signUpCreator, signUpMerchant, type Account } from './support/fixtures';
import { GqlClient, startTestServer, type TestServer } from './support/harness';
import { postOffer, postTask, setTier } from './support/market-fixtures';

const TASK_TITLES = `query($search: String!) { tasks(filter: { search: $search }, first: 50) { nodes { title } } }`;
const OFFER_TITLES = `query($search: String!) { offers(filter: { search: $search }, first: 50) { nodes { title } } }`;
const CREATOR_HANDLES = `query($search: String!) { creators(filter: { search: $search }, first: 50) { nodes { handle } } }`;
const TAGS = `{ domainTags { slug name nameZh nameEn } }`;

interface Tag {
  slug: string;
  name: string;
  nameZh: string;
  nameEn: string;
}

describe('Chinese first: search that matches Chinese, tag names in the reader language', () => {
  let server: TestServer;
  let merchant: Account;
  let creator: Account;

  beforeAll(async () => {
    server = await startTestServer({ env: ADMIN_ENV });
    const admin = await logInAdmin(server.gql);
    merchant = await signUpMerchant(server.gql);
    await postTask(server.gql, merchant.token, {
      title: '双11直播带货专场',
      brief: '淘宝直播间讲解我们的实木餐桌，突出做工和收纳设计。',
    });
    await postTask(server.gql, merchant.token, {
      title: '新款沙发种草笔记',
      brief: '在有好货发布图文，拍出客厅里的真实效果。',
    });
    await postTask(server.gql, merchant.token, {
      title: 'Review our oak dining table',
      brief: 'Show the table in a real home, with the assembly and the finish up close.',
    });
    creator = await signUpCreator(
      server.gql,
      { displayName: '小鱼的家居日记' },
      { handle: 'xiaoyu_jiaju', bio: '专注家居好物与收纳，每周两场淘宝直播。' },
    );
    await setTier(server.gql, admin, creator.profileId, 'CREATOR');
    await signUpCreator(
      server.gql,
      { displayName: 'Oak Lover' },
      { handle: 'oak_lover', bio: 'Furniture reviews for small flats' },
    );
    await postOffer(server.gql, creator.token, {
      title: '淘宝直播 · 家居好物讲解',
      description: '一场两小时直播，提前一天和商家对好脚本。',
    });
    await postOffer(server.gql, creator.token, {
      title: 'A live stream about your sofa',
      description: 'Two hours live, scripted with you the day before.',
    });
  });

  afterAll(async () => {
    expectWellFormedErrors(server.gql.errorsSeen);
    await server.close();
  });

  const taskTitles = async (search: string) =>
    ((await server.gql.ok(TASK_TITLES, { search })).tasks.nodes as { title: string }[]).map((t) => t.title);

  it('finds a task by a two-character Chinese word inside a title, and by one character', async () => {
    expect(await taskTitles('直播')).toEqual(['双11直播带货专场']);
    expect(await taskTitles('带货')).toEqual(['双11直播带货专场']);
    expect(await taskTitles('播')).toEqual(['双11直播带货专场']);
    expect(await taskTitles('沙发')).toEqual(['新款沙发种草笔记']);
    // Words of the brief count too, and a longer phrase must appear as written, not only its pairs.
    expect(await taskTitles('实木餐桌')).toEqual(['双11直播带货专场']);
    expect(await taskTitles('餐桌实木')).toEqual([]);
    expect(await taskTitles('双11直播')).toEqual(['双11直播带货专场']);
    expect(await taskTitles('直播带货专场')).toEqual(['双11直播带货专场']);
    expect(await taskTitles('火锅')).toEqual([]);
  });

  it('still matches English, case-insensitively, and Chinese and English do not mix up', async () => {
    expect(await taskTitles('OAK dining')).toEqual(['Review our oak dining table']);
    expect(await taskTitles('table')).toEqual(['Review our oak dining table']);
    expect(await taskTitles('桌')).toEqual(['双11直播带货专场']);
  });

  it('finds offers by Chinese and by English words', async () => {
    const offerTitles = async (search: string) =>
      ((await server.gql.ok(OFFER_TITLES, { search })).offers.nodes as { title: string }[]).map(
        (o) => o.title,
      );
    expect(await offerTitles('直播')).toEqual(['淘宝直播 · 家居好物讲解']);
    expect(await offerTitles('脚本')).toEqual(['淘宝直播 · 家居好物讲解']);
    expect(await offerTitles('live')).toEqual(['A live stream about your sofa']);
  });

  it('finds creators (the directory and the invite picker) by Chinese name and bio, and by English', async () => {
    const handles = async (search: string) =>
      ((await server.gql.ok(CREATOR_HANDLES, { search })).creators.nodes as { handle: string }[]).map(
        (c) => c.handle,
      );
    expect(await handles('家居')).toEqual(['xiaoyu_jiaju']);
    expect(await handles('直播')).toEqual(['xiaoyu_jiaju']);
    expect(await handles('鱼')).toEqual(['xiaoyu_jiaju']);
    expect(await handles('Furniture')).toEqual(['oak_lover']);
    expect(await handles('oak')).toEqual(['oak_lover']);
  });

  it('names tags in Chinese by default and in English on request, each cached answer in its own language', async () => {
    const tags = async (language?: string) => {
      // Naming no language unless asked (the harness's client names English).
      const response = await new GqlClient(server.url, null).request<{ domainTags: Tag[] }>(
        TAGS,
        {},
        undefined,
        language ? { 'accept-language': language } : {},
      );
      const all = response.data!.domainTags;
      const named = (slug: string) => all.find((tag) => tag.slug === slug)?.name;
      return { all, named, cache: response.headers['x-public-cache'] };
    };
    const chinese = await tags();
    expect(chinese.all.find((tag) => tag.slug === 'home.furniture')).toEqual({
      slug: 'home.furniture',
      name: '家具',
      nameZh: '家具',
      nameEn: 'Furniture',
    });
    expect(chinese.named('home')).toBe('家居');
    expect(chinese.named('beauty')).toBe('美妆');
    const english = await tags('en-US,en;q=0.9');
    expect(english.named('home.furniture')).toBe('Furniture');
    // The public cache keeps one answer per language: asked again, each language gets its own.
    const chineseAgain = await tags('zh-CN,zh;q=0.9');
    expect(chineseAgain.cache).toBe('hit');
    expect(chineseAgain.named('home.furniture')).toBe('家具');
    const englishAgain = await tags('en');
    expect(englishAgain.cache).toBe('hit');
    expect(englishAgain.named('home.furniture')).toBe('Furniture');
    // Every tag has both names, the Chinese one in Chinese.
    for (const tag of chinese.all) {
      expect(tag.name).toBe(tag.nameZh);
      expect(tag.nameZh).toMatch(/^[\u4e00-\u9fff]+$/);
      expect(tag.nameEn).toMatch(/^[A-Za-z' &-]+$/);
    }
  });
});
