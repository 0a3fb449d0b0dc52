import { useQuery } from '@apollo/client/react';
import {
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Row,
  List,
  Space,
  Typography,
} from 'antd';
import { EnumSelect } from '../../components/EnumSelect';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { TagPicker } from '../../components/TagPicker';
import { TierTag } from '../../components/TierTag';
import {
  DeclineAgencyInvitationDocument,
  JoinAgencyDocument,
  LeaveAgencyDocument,
  MyAgencyInvitationsDocument,
  MyProfileDocument,
  UpdateCreatorProfileDocument,
  UpdateMerchantProfileDocument,
  type Channel,
  type CreatorProfileFieldsFragment,
  type MerchantProfileFieldsFragment,
} from '../../graphql/generated';
import { useAction } from '../../hooks/use-action';
import { CreatorEffectCard } from './CreatorEffectCard';
import { LinkSettingsCard } from './LinkSettingsCard';
import { useI18n } from '../../i18n/i18n';
import { formatBasisPoints, formatRate } from '../../lib/percent';
import { formatDateTime } from '../../lib/time';
import {
  domainTagsProblem,
  MAX_CREATOR_TAGS,
  toCreatorProfileInput,
  toMerchantProfileInput,
} from '../../lib/profile';

/** Merchants and creators edit their own profile; field names are the API's, so its problems land on them. */
export function ProfilePage() {
  const { t } = useI18n();
  const { data, loading, error, refetch } = useQuery(MyProfileDocument);
  const me = data?.me;
  return (
    <>
      <PageHeader title={t('profile.title')} sub={me?.displayName} />
      <QueryState
        loading={loading}
        error={error}
        hasData={Boolean(data)}
        isEmpty={Boolean(data) && !me?.merchant && !me?.creator}
        empty={t('profile.noProfile')}
        onRetry={() => refetch()}
      >
        {me?.merchant ? <MerchantProfile merchant={me.merchant} /> : null}
        {me?.creator ? <CreatorProfile creator={me.creator} /> : null}
      </QueryState>
    </>
  );
}

const rating = (value: number | null | undefined) => (value == null ? null : value.toFixed(1));

interface MerchantValues {
  shopName: string;
  industry?: string | null;
}

function MerchantProfile({ merchant }: { merchant: MerchantProfileFieldsFragment }) {
  const { t } = useI18n();
  const [form] = Form.useForm<MerchantValues>();
  const [update, { loading }] = useAction(UpdateMerchantProfileDocument, { form, success: 'profile.saved' });
  const averageRating = rating(merchant.averageRating);
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={16}>
        <Card className="console-card" title={t('profile.shop')}>
          <Form<MerchantValues>
            form={form}
            layout="vertical"
            data-testid="merchant-profile-form"
            initialValues={{ shopName: merchant.shopName, industry: merchant.industry?.slug }}
            onFinish={(values) => update({ input: toMerchantProfileInput(values) })}
          >
            <Form.Item
              name="shopName"
              label={t('auth.shopName')}
              rules={[
                { required: true, whitespace: true, message: t('common.required') },
                { max: 120, message: t('profile.shopNameMax') },
              ]}
            >
              <Input maxLength={120} showCount />
            </Form.Item>
            <Form.Item name="industry" label={t('auth.industry')} extra={t('profile.industryHelp')}>
              <TagPicker single placeholder={t('profile.industryPlaceholder')} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={loading} data-testid="profile-save">
              {t('common.save')}
            </Button>
          </Form>
        </Card>
        <LinkSettingsCard />
      </Col>
      <Col xs={24} lg={8}>
        <Card className="console-card" title={t('profile.reputation')}>
          <Descriptions column={1} size="small">
            <Descriptions.Item label={t('profile.merchantRating')}>
              <span data-testid="merchant-rating">{averageRating ?? t('profile.noRatingYet')}</span>
            </Descriptions.Item>
          </Descriptions>
        </Card>
      </Col>
    </Row>
  );
}

interface CreatorValues {
  bio?: string | null;
  channels?: Channel[];
  domainTags?: string[];
  followerCount?: number | null;
}

function CreatorProfile({ creator }: { creator: CreatorProfileFieldsFragment }) {
  const { t } = useI18n();
  const [form] = Form.useForm<CreatorValues>();
  const [update, { loading }] = useAction(UpdateCreatorProfileDocument, { form, success: 'profile.saved' });
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={16}>
        <Card className="console-card" title={t('profile.creatorCard')}>
          <Form<CreatorValues>
            form={form}
            layout="vertical"
            data-testid="creator-profile-form"
            initialValues={{
              bio: creator.bio ?? '',
              channels: creator.channels,
              domainTags: creator.domainTags.map((tag) => tag.slug),
              followerCount: creator.followerCount,
            }}
            onFinish={(values) => update({ input: toCreatorProfileInput(values) })}
          >
            {/* The counter turns red past 2000; the API's own limit message lands under the field. */}
            <Form.Item name="bio" label={t('auth.bio')} extra={t('profile.bioHelp')}>
              <Input.TextArea rows={4} count={{ show: true, max: 2000 }} />
            </Form.Item>
            <Form.Item
              name="domainTags"
              label={t('task.tags')}
              extra={t('profile.tagsHelp', { max: MAX_CREATOR_TAGS })}
              rules={[
                {
                  validator: async (_, value: string[] | undefined) => {
                    const problem = domainTagsProblem(value);
                    if (problem === 'required') throw new Error(t('profile.tagsRequired'));
                    if (problem === 'tooMany')
                      throw new Error(t('profile.tagsTooMany', { max: MAX_CREATOR_TAGS }));
                  },
                },
              ]}
            >
              <TagPicker max={MAX_CREATOR_TAGS} />
            </Form.Item>
            <Row gutter={16}>
              <Col xs={24} md={14}>
                <Form.Item name="channels" label={t('task.channels')}>
                  <EnumSelect kind="Channel" mode="multiple" allowClear />
                </Form.Item>
              </Col>
              <Col xs={24} md={10}>
                <Form.Item name="followerCount" label={t('auth.followerCount')}>
                  <InputNumber min={0} precision={0} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
            </Row>
            <Button type="primary" htmlType="submit" loading={loading} data-testid="profile-save">
              {t('common.save')}
            </Button>
          </Form>
        </Card>
        <CreatorEffectCard />
      </Col>
      <Col xs={24} lg={8}>
        <CreatorFacts creator={creator} />
        <AgencyMembership creator={creator} />
        <AgencyInvitations inAgency={Boolean(creator.agency)} />
      </Col>
    </Row>
  );
}

function CreatorFacts({ creator }: { creator: CreatorProfileFieldsFragment }) {
  const { t } = useI18n();
  const { stats } = creator;
  return (
    <Card className="console-card" title={t('profile.account')} data-testid="creator-facts">
      <Descriptions column={1} size="small">
        <Descriptions.Item label={t('profile.handle')}>@{creator.handle}</Descriptions.Item>
        <Descriptions.Item label={t('profile.tier')}>
          <TierTag tier={creator.tier} />
        </Descriptions.Item>
        <Descriptions.Item label={t('task.completed')}>{stats.completedOrders}</Descriptions.Item>
        <Descriptions.Item label={t('task.onTime')}>{formatRate(stats.onTimeRate)}</Descriptions.Item>
        <Descriptions.Item label={t('task.rating')}>
          {rating(stats.averageRating) ?? t('profile.noRatingYet')}
        </Descriptions.Item>
      </Descriptions>
      {creator.isBigV ? null : (
        <Alert type="info" showIcon title={t('profile.ordinaryHint')} style={{ marginTop: 8 }} />
      )}
    </Card>
  );
}

function AgencyMembership({ creator }: { creator: CreatorProfileFieldsFragment }) {
  const { t } = useI18n();
  const [leave, { loading, error }] = useAction(LeaveAgencyDocument, { success: 'profile.leftAgency' });
  const { agency } = creator;
  return (
    <Card className="console-card" title={t('profile.agency')} data-testid="agency-membership">
      {agency ? (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Descriptions column={1} size="small">
            <Descriptions.Item label={t('profile.agencyName')}>
              <span data-testid="agency-name">{agency.name}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('agency.revenueShare')}>
              {formatBasisPoints(agency.revenueShareBps)}
            </Descriptions.Item>
          </Descriptions>
          <Popconfirm
            title={t('profile.leaveConfirm')}
            description={t('profile.leaveConfirmDetail')}
            okText={t('common.confirm')}
            cancelText={t('common.cancel')}
            onConfirm={() => leave({})}
          >
            <Button danger loading={loading} data-testid="leave-agency">
              {t('profile.leaveAgency')}
            </Button>
          </Popconfirm>
          {error ? (
            <Alert
              type="warning"
              showIcon
              title={t('profile.leaveRefused')}
              description={error.message}
              data-testid="leave-agency-error"
            />
          ) : null}
        </Space>
      ) : (
        <Alert type="info" showIcon title={t('profile.noAgency')} description={t('profile.noAgencyHelp')} />
      )}
    </Card>
  );
}

/**
 * Agencies that invite the creator: join one (the API refuses while the creator is in another agency
 * or has an order open, and says why) or decline it. Hidden while there are none.
 */
function AgencyInvitations({ inAgency }: { inAgency: boolean }) {
  const { t } = useI18n();
  const { data } = useQuery(MyAgencyInvitationsDocument);
  const refetch = ['MyAgencyInvitations', 'MyProfile'];
  const [join, joining] = useAction(JoinAgencyDocument, { success: 'profile.joinedAgency', refetch });
  const [decline, declining] = useAction(DeclineAgencyInvitationDocument, {
    success: 'profile.declinedInvitation',
    refetch,
  });
  const invitations = data?.myAgencyInvitations ?? [];
  if (!invitations.length) return null;
  return (
    <Card className="console-card" title={t('profile.invitations')} data-testid="agency-invitations">
      {inAgency ? (
        <Typography.Paragraph type="secondary">{t('profile.leaveBeforeJoining')}</Typography.Paragraph>
      ) : null}
      <List
        dataSource={invitations}
        rowKey={(invitation) => invitation.agency.id}
        renderItem={(invitation) => (
          <List.Item
            data-testid="agency-invitation"
            actions={[
              <Popconfirm
                key="join"
                title={t('profile.joinConfirm', { name: invitation.agency.name })}
                description={t('agency.shareHelp', {
                  share: formatBasisPoints(invitation.agency.revenueShareBps),
                })}
                okText={t('common.confirm')}
                cancelText={t('common.cancel')}
                onConfirm={() => join({ agencyId: invitation.agency.id })}
              >
                <Button type="primary" size="small" loading={joining.loading} data-testid="join-agency">
                  {t('profile.joinAgency')}
                </Button>
              </Popconfirm>,
              <Button
                key="decline"
                size="small"
                loading={declining.loading}
                onClick={() => decline({ agencyId: invitation.agency.id })}
                data-testid="decline-agency"
              >
                {t('profile.declineInvitation')}
              </Button>,
            ]}
          >
            <List.Item.Meta
              title={invitation.agency.name}
              description={`${t('agency.revenueShare')} ${formatBasisPoints(invitation.agency.revenueShareBps)} · ${formatDateTime(invitation.createdAt)}`}
            />
          </List.Item>
        )}
      />
    </Card>
  );
}
