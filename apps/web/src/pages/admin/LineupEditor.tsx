import {
  DndContext,
  KeyboardSensor,
  PointerSensor,
  closestCenter,
  useSensor,
  useSensors,
  type DragEndEvent,
} from '@dnd-kit/core';
import {
  SortableContext,
  arrayMove,
  sortableKeyboardCoordinates,
  useSortable,
  verticalListSortingStrategy,
} from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { HolderOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, List, Popconfirm, Row, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { PublishVenueLineupDocument, SetVenueLineupDocument } from '../../graphql/generated';
import { useAction } from '../../hooks/use-action';
import { useI18n } from '../../i18n/i18n';
import { LeaveGuard } from '../../components/LeaveGuard';
import { EmptyState } from '../../components/QueryState';
import { formatVenueTime } from '../../lib/time';
import type { SubmissionRow, VenueDetail } from './venue-detail';

/**
 * Accepted submissions ordered into the lineup by drag and drop (pointer or keyboard), up to the
 * venue's capacity; saved as one list, then published (frozen) by the admin. Rendered with the saved
 * lineup as its key, so a save or a refetch starts the draft again from what the API holds.
 */
export function LineupEditor({ venue }: { venue: VenueDetail }) {
  const { t } = useI18n();
  const saved = lineupIds(venue);
  const [order, setOrder] = useState<string[]>(saved);
  const [setLineup, saving] = useAction(SetVenueLineupDocument, {
    success: 'venues.lineupSaved',
    refetch: ['Venue'],
  });
  const [publish, publishing] = useAction(PublishVenueLineupDocument, {
    success: 'venues.published',
    refetch: ['Venue', 'Venues'],
  });
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );

  const byId = new Map<string, SubmissionRow>();
  for (const submission of venue.submissions.nodes) byId.set(submission.id, submission);
  for (const entry of venue.lineup) byId.set(entry.submission.id, entry.submission);
  const candidates = venue.submissions.nodes.filter((s) => s.status === 'ACCEPTED' && !order.includes(s.id));
  const frozen = Boolean(venue.lineupPublishedAt);
  const full = order.length >= venue.capacity;
  const dirty = order.join() !== saved.join();

  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (!over || active.id === over.id) return;
    setOrder((ids) => arrayMove(ids, ids.indexOf(String(active.id)), ids.indexOf(String(over.id))));
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <LeaveGuard when={dirty && !frozen} message={t('venues.unsavedLineup')} />
      {frozen ? (
        <Alert
          type="success"
          showIcon
          title={t('venues.publishedAt', { at: formatVenueTime(venue.lineupPublishedAt) })}
        />
      ) : (
        <Typography.Text type="secondary">{t('venues.lineupHelp', { n: venue.capacity })}</Typography.Text>
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} md={14}>
          <Card
            size="small"
            title={`${t('venues.lineup')} ${order.length}/${venue.capacity}`}
            extra={full ? <Tag color="red">{t('venues.full')}</Tag> : null}
          >
            {order.length === 0 ? (
              <EmptyState>{t('venues.noCandidates')}</EmptyState>
            ) : (
              <DndContext sensors={sensors} collisionDetection={closestCenter} onDragEnd={onDragEnd}>
                <SortableContext items={order} strategy={verticalListSortingStrategy} disabled={frozen}>
                  <div data-testid="lineup">
                    {order.map((id, index) => (
                      <SortableEntry
                        key={id}
                        id={id}
                        position={index + 1}
                        submission={byId.get(id)}
                        frozen={frozen}
                        onRemove={() => setOrder((ids) => ids.filter((other) => other !== id))}
                      />
                    ))}
                  </div>
                </SortableContext>
              </DndContext>
            )}
          </Card>
        </Col>
        <Col xs={24} md={10}>
          <Card size="small" title={t('venues.candidates')}>
            {candidates.length === 0 ? (
              <EmptyState>{t('venues.noCandidates')}</EmptyState>
            ) : (
              <List
                dataSource={candidates}
                rowKey="id"
                renderItem={(submission) => (
                  <List.Item
                    actions={[
                      <Button
                        key="add"
                        size="small"
                        disabled={frozen || full}
                        onClick={() => setOrder((ids) => [...ids, submission.id])}
                        data-testid="add-to-lineup"
                      >
                        {t('venues.addToLineup')}
                      </Button>,
                    ]}
                  >
                    <Typography.Text>
                      {submission.deliverable.title} · {submission.order.creator.displayName}
                    </Typography.Text>
                  </List.Item>
                )}
              />
            )}
          </Card>
        </Col>
      </Row>
      {frozen ? null : (
        <Space wrap>
          <Button
            type="primary"
            disabled={!dirty}
            loading={saving.loading}
            onClick={() => setLineup({ venueId: venue.id, submissionIds: order })}
            data-testid="save-lineup"
          >
            {t('venues.saveLineup')}
          </Button>
          <Popconfirm title={t('venues.publish')} onConfirm={() => publish({ venueId: venue.id })}>
            <Button
              danger
              disabled={dirty || order.length === 0}
              loading={publishing.loading}
              data-testid="publish-lineup"
            >
              {t('venues.publish')}
            </Button>
          </Popconfirm>
        </Space>
      )}
    </Space>
  );
}

export function lineupIds(venue: VenueDetail): string[] {
  return venue.lineup.map((entry) => entry.submission.id);
}

interface SortableEntryProps {
  id: string;
  position: number;
  submission: SubmissionRow | undefined;
  frozen: boolean;
  onRemove: () => void;
}

function SortableEntry({ id, position, submission, frozen, onRemove }: SortableEntryProps) {
  const { t } = useI18n();
  const { attributes, listeners, setNodeRef, transform, transition, isDragging } = useSortable({ id });
  return (
    <div
      ref={setNodeRef}
      data-testid="lineup-entry"
      style={{
        transform: CSS.Transform.toString(transform),
        transition,
        display: 'flex',
        alignItems: 'center',
        gap: 8,
        padding: '8px 4px',
        borderBottom: '1px solid #f0f0f0',
        background: isDragging ? '#fff7e6' : undefined,
      }}
    >
      <span
        {...attributes}
        {...listeners}
        aria-label={`drag ${position}`}
        data-testid="lineup-handle"
        style={{ cursor: frozen ? 'default' : 'grab', touchAction: 'none', padding: 4 }}
      >
        <HolderOutlined />
      </span>
      <Tag color="orange">{position}</Tag>
      <Typography.Text ellipsis style={{ flex: 1 }}>
        {submission ? `${submission.deliverable.title} · ${submission.order.creator.displayName}` : id}
      </Typography.Text>
      {frozen ? null : (
        <Button size="small" type="text" onClick={onRemove}>
          {t('venues.remove')}
        </Button>
      )}
    </div>
  );
}
