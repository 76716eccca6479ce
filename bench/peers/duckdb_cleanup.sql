-- The DuckDB peer of bench/jobs/legacy_to_csv.yaml: the same cleanup of the messy legacy CSV in
-- SQL, written as a clean CSV. {{input}} and {{output}} are replaced by bench/peers/duckdb_run.mjs.
-- Same rules as the job: trim/collapse/title-case text, US phones in national format (NULL when
-- invalid), money with $ , K M B, four legacy date formats plus ISO timestamps (a date that does
-- not parse drops the row), status filter, email rule, first occurrence of an id wins.
COPY (
  WITH raw AS (
    SELECT *, row_number() OVER () AS source_row
    FROM read_csv({{input}}, header = true, all_varchar = true, quote = '"', escape = '"',
                  new_line = '\r\n', strict_mode = false)
  ),
  cleaned AS (
    SELECT
      source_row,
      TRY_CAST(customer_id AS BIGINT) AS customer_id,
      trim(company_name, E' \t\r\n') AS name,
      coalesce(nullif(array_to_string(list_transform(
                 string_split(regexp_replace(lower(trim(sector, E' \t\r\n')), '\s+', ' ', 'g'), ' '),
                 w -> upper(w[1]) || w[2:]), ' '), ''), 'Unknown') AS industry,
      lower(trim(primary_email, E' \t\r\n')) AS email,
      regexp_replace(regexp_replace(phone, '\s*(x|ext\.?)\s*[0-9]+\s*$', '', 'i'), '[^0-9]', '', 'g')
        AS phone_digits,
      replace(replace(trim(annual_sales), '$', ''), ',', '') AS sales,
      created_timestamp,
      try_strptime(created_timestamp, ['%Y-%m-%d', '%m/%d/%Y', '%d-%b-%Y', '%Y/%m/%d',
                                       '%Y-%m-%dT%H:%M:%S', '%Y-%m-%dT%H:%M:%SZ'])::DATE
        AS created_date
    FROM raw
    WHERE status IS DISTINCT FROM 'inactive'
  ),
  valid AS (
    SELECT
      source_row,
      customer_id,
      name,
      industry,
      email,
      CASE
        WHEN length(phone_digits) = 11 AND phone_digits[1] = '1' THEN phone_digits[2:]
        ELSE phone_digits
      END AS phone_digits,
      CASE upper(right(sales, 1))
        WHEN 'K' THEN TRY_CAST(sales[:-2] AS DECIMAL(18, 2)) * 1000
        WHEN 'M' THEN TRY_CAST(sales[:-2] AS DECIMAL(18, 2)) * 1000000
        WHEN 'B' THEN TRY_CAST(sales[:-2] AS DECIMAL(18, 2)) * 1000000000
        ELSE TRY_CAST(sales AS DECIMAL(18, 2))
      END::DECIMAL(18, 2) AS annual_revenue,
      created_date
    FROM cleaned
    WHERE customer_id IS NOT NULL
      AND name <> ''
      AND regexp_full_match(email, '[^@\s]+@[^@\s.][^@\s]*\.[^@\s]*[^@\s.]')
      AND (created_timestamp IS NULL OR created_date IS NOT NULL)
    QUALIFY row_number() OVER (PARTITION BY customer_id ORDER BY source_row) = 1
  )
  SELECT
    customer_id,
    name,
    industry,
    email,
    CASE
      WHEN regexp_full_match(phone_digits, '[2-9][0-9]{2}[2-9][0-9]{6}')
        THEN '(' || phone_digits[1:3] || ') ' || phone_digits[4:6] || '-' || phone_digits[7:10]
    END AS phone,
    annual_revenue,
    created_date,
    1 AS active
  FROM valid
  ORDER BY source_row
) TO {{output}} (FORMAT csv, HEADER true, NULLSTR '\N');
