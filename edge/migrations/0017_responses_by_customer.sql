-- Erasing a customer's data (DELETE /v1/customers/{customer_ref}) finds
-- their answers in every survey by the customer reference: without this
-- index each erasure would read every answer ever stored, three times.
-- Answers without a reference (most widget answers) are left out of it.
CREATE INDEX responses_by_customer ON responses (customer_ref)
WHERE customer_ref IS NOT NULL;
