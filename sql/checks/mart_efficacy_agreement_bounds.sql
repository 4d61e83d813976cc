-- Agreement counts never exceed what each side found, nor the patents compared.
select efficacy_code
from mart.efficacy_agreement
where both_count > least(ours_count, vendor_count) or greatest(ours_count, vendor_count) > patents_compared
