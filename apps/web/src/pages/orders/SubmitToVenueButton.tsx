import { Form, Select } from 'antd';
import { FormModalButton } from '../../components/FormModalButton';
import { SubmitToVenueDocument, VenuesDocument, type OrderDetailFragment } from '../../graphql/generated';
import { useAction } from '../../hooks/use-action';
import { useOptionalQuery } from '../../hooks/use-optional-query';
import { useI18n } from '../../i18n/i18n';
import { formatVenueTime } from '../../lib/time';

/** A completed order's content entered for a venue; shown once the API serves venues. */
export function SubmitToVenueButton({ order }: { order: OrderDetailFragment }) {
  const { t } = useI18n();
  const venues = useOptionalQuery(VenuesDocument, { variables: { first: 50 } });
  const [submit] = useAction(SubmitToVenueDocument, { success: 'orders.submittedToVenue' });
  const open = (venues.data?.venues.nodes ?? []).filter(
    (venue) => venue.phase === 'RECRUITING' || venue.phase === 'DOCKING',
  );
  if (!venues.served || !open.length) return null;
  return (
    <FormModalButton<{ venueId: string }>
      label={t('orders.submitToVenue')}
      title={t('orders.submitToVenue')}
      onSubmit={async ({ venueId }) => Boolean(await submit({ input: { venueId, orderId: order.id } }))}
    >
      <Form.Item name="venueId" label={t('task.venue')} rules={[{ required: true }]}>
        <Select
          options={open.map((venue) => ({
            value: venue.id,
            label: `${venue.event} · ${venue.name} (${t('venues.submissionDeadline')} ${formatVenueTime(venue.submissionDeadline)})`,
          }))}
        />
      </Form.Item>
    </FormModalButton>
  );
}
