// The support request page's working view: the split lines, the new title, the application's
// documents and the request's history (attached by the show action as `staffView`).
import React from 'react';
import { Box } from '@adminjs/design-system';
import { useTranslation } from 'adminjs';
import { beijingTime, Grid, Pairs, parseView, Section, yuan } from './details-parts';

const SupportRequestDetails = ({ record, property, resource }) => {
  const { translateComponent: tc } = useTranslation();
  const view = parseView(record, property.path);
  if (!view) return null;
  const t = (key) => tc(`ApplicationDetails.${key}`, resource.id);
  const value = (kind, v) => (v ? tc(`Values.${kind}.${v}`, resource.id, { defaultValue: v }) : v);
  const { request: r, documents } = view;
  const title = r.newTitle;
  return (
    <Box data-testid="support-request-details">
      {r.lines && (
        <Section title={t('lines')} testId="details-lines">
          <Grid
            empty={t('none')}
            head={['#', t('buyerName'), t('taxId'), t('amount')]}
            rows={r.lines.map((line, i) => [
              String(i + 1),
              (line.title && line.title.buyerName) || '',
              (line.title && line.title.taxId) || '',
              yuan(line.amountFen),
            ])}
          />
        </Section>
      )}
      {title && (
        <Section title={t('newTitle')} testId="details-new-title">
          <Pairs
            rows={[
              [t('buyerName'), title.buyerName],
              [t('taxId'), title.taxId],
              [t('titleAddress'), title.address],
              [t('titlePhone'), title.phone],
              [t('bankName'), title.bankName],
              [t('bankAccount'), title.bankAccount],
            ]}
          />
        </Section>
      )}
      <Section title={t('documents')} testId="details-documents">
        <Grid
          empty={t('none')}
          head={[t('kind'), t('number'), t('issueDate'), t('amount'), t('tax')]}
          rows={(documents || []).map((d) => [
            value('documentKind', d.kind),
            d.number,
            d.issueDate,
            yuan(d.amountFen),
            yuan(d.taxAmountFen),
          ])}
        />
      </Section>
      {(r.redLetterForms || []).length > 0 && (
        <Section title={t('redLetterForms')} testId="details-red-letter-forms">
          <Grid
            empty={t('none')}
            head={[
              t('originalNumber'),
              t('reason'),
              t('amount'),
              t('formStatus'),
              t('deadline'),
              t('redNumber'),
            ]}
            rows={r.redLetterForms.map((f) => [
              f.originalNumber,
              f.reasonCode,
              yuan(f.amountFen),
              value('redLetterStatus', f.status),
              f.deadlineAt ? beijingTime(f.deadlineAt) : '',
              f.redNumber || '',
            ])}
          />
        </Section>
      )}
      <Section title={t('history')} testId="details-history">
        <Grid
          empty={t('none')}
          head={[t('at'), t('change'), t('message')]}
          rows={[...(r.history || []), ...(r.replies || [])]
            .sort((x, y) => String(x.at).localeCompare(String(y.at)))
            .map((h) => [
              beijingTime(h.at),
              h.kind === 'reply'
                ? t('reply')
                : `${h.from ? `${value('supportStatus', h.from)} → ` : ''}${value('supportStatus', h.to)}`,
              h.message || '',
            ])}
        />
      </Section>
    </Box>
  );
};

export default SupportRequestDetails;
