/**
 * The data value set of DHIS2's own Web API documentation ("Sending data values"): the OpenAPI
 * example, and what the integration test imports to prove DHIS2 clients can post unchanged.
 */
export const DHIS2_DOCUMENTATION_EXAMPLE = {
  dataSet: 'pBOMPrpg1QX',
  completeDate: '2014-02-03',
  period: '201401',
  orgUnit: 'DiszpKrYNg8',
  dataValues: [
    { dataElement: 'f7n9E0hX8qk', value: '1' },
    { dataElement: 'Ix2HsbDMLea', value: '2' },
    { dataElement: 'eY5ehpbEsB7', value: '3' },
  ],
};
