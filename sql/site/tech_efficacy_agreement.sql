select * from mart.efficacy_agreement order by efficacy_code = 'ALL' desc, vendor_count desc, efficacy_code
