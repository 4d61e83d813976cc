select signal_type, signal_rank, label_zh, label_en, recent_count, prior_count, growth_pct, first_filing_date,
    window_start, window_end
from mart.signal
where scope_code = $scope and industry_code = $industry and signal_rank <= 10
order by signal_type, signal_rank
