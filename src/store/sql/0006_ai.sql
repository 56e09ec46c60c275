-- What the AI providers cost each company: requests and tokens per provider per UTC day.
CREATE TABLE ai_usage (
  company_id TEXT NOT NULL REFERENCES companies(id),
  provider TEXT NOT NULL,
  day TEXT NOT NULL,
  requests BIGINT NOT NULL DEFAULT 0,
  prompt_tokens BIGINT NOT NULL DEFAULT 0,
  completion_tokens BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (company_id, provider, day)
);

-- Pain points, value gains and key messages for one lead and one product (JSON text), for campaigns.
CREATE TABLE lead_enrichments (
  lead_id TEXT NOT NULL REFERENCES leads(id),
  product_id TEXT NOT NULL REFERENCES products(id),
  company_id TEXT NOT NULL REFERENCES companies(id),
  data TEXT NOT NULL,
  provider TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (lead_id, product_id)
);
