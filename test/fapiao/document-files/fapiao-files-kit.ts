import JSZip from 'jszip';
import { PDFDocument, StandardFonts } from 'pdf-lib';

/** A real one-page PDF, as a tax platform's would open (pdf-lib writes it). */
export async function samplePdf(text = 'Fapiao'): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  const page = pdf.addPage([420, 280]);
  page.drawText(text, {
    x: 40,
    y: 200,
    size: 18,
    font: await pdf.embedFont(StandardFonts.Helvetica),
  });
  return Buffer.from(await pdf.save());
}

/** An OFD container: a zip whose root holds OFD.xml (GB/T 33190). */
export async function sampleOfd(withEntry = true): Promise<Buffer> {
  const zip = new JSZip();
  if (withEntry) {
    zip.file(
      'OFD.xml',
      '<?xml version="1.0" encoding="UTF-8"?><ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016" Version="1.1" DocType="OFD"><ofd:DocBody><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>',
    );
  }
  zip.file('Doc_0/Document.xml', '<ofd:Document xmlns:ofd="http://www.ofdspec.org/2016"/>');
  return zip.generateAsync({ type: 'nodebuffer' });
}

export interface EInvoiceXmlFacts {
  number: string;
  issueDate: string;
  buyerName: string;
  buyerTaxId?: string;
  /** Amounts as the platform writes them, in yuan with two decimals. */
  totalWithoutTax: string;
  tax: string;
  total: string;
}

/**
 * A digital-fapiao XML laid out like the national format (数电发票, EInvoice with Header,
 * EInvoiceData and TaxSupervisionInfo; tag names as in the public sample
 * FelixJI/file-toolbox tests/fixtures/invoice/sample_einvoice.xml at commit
 * 6bb28f5f4b8844951869227106a92c990badd60e, EInvoiceTag SWEI3200, version 0.32), with this
 * test's own values.
 */
export function sampleXml(facts: EInvoiceXmlFacts): Buffer {
  return Buffer.from(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><EInvoice>
  <Header>
    <EIid>${facts.number}</EIid>
    <EInvoiceTag>SWEI3200</EInvoiceTag>
    <Version>0.32</Version>
    <InherentLabel>
      <EInvoiceType><LabelCode>01</LabelCode><LabelName>电子发票</LabelName></EInvoiceType>
      <GeneralOrSpecialVAT><LabelCode>01</LabelCode><LabelName>增值税专用发票</LabelName></GeneralOrSpecialVAT>
    </InherentLabel>
  </Header>
  <EInvoiceData>
    <SellerInformation>
      <SellerIdNum>91310115MA1K4XXXX0</SellerIdNum>
      <SellerName>上海云服务有限公司</SellerName>
    </SellerInformation>
    <BuyerInformation>
      <BuyerIdNum>${facts.buyerTaxId ?? ''}</BuyerIdNum>
      <BuyerName>${facts.buyerName.replace(/&/g, '&amp;')}</BuyerName>
    </BuyerInformation>
    <BasicInformation>
      <TotalAmWithoutTax>${facts.totalWithoutTax}</TotalAmWithoutTax>
      <TotalTaxAm>${facts.tax}</TotalTaxAm>
      <TotalTax-includedAmount>${facts.total}</TotalTax-includedAmount>
      <TotalTax-includedAmountInChinese>壹佰贰拾捌圆整</TotalTax-includedAmountInChinese>
      <Drawer>王五</Drawer>
      <RequestTime>${facts.issueDate} 09:47:14</RequestTime>
    </BasicInformation>
    <IssuItemInformation>
      <ItemName>*信息技术服务*云服务器</ItemName>
      <Amount>${facts.totalWithoutTax}</Amount>
      <TaxRate>0.06</TaxRate>
      <ComTaxAm>${facts.tax}</ComTaxAm>
    </IssuItemInformation>
  </EInvoiceData>
  <TaxSupervisionInfo>
    <InvoiceNumber>${facts.number}</InvoiceNumber>
    <IssueTime>${facts.issueDate}</IssueTime>
    <TaxBureauCode>13100000000</TaxBureauCode>
  </TaxSupervisionInfo>
</EInvoice>
`,
  );
}
