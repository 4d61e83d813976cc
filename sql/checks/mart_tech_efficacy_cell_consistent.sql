-- One cell per matrix, branch and efficacy; a cell's count equals its listed patents; blanks are empty cells.
select scope_code, industry_code, branch_scheme, branch_code, efficacy_code, count(*) as row_count
from mart.tech_efficacy_cell
group by all
having count(*) > 1
    or bool_or(patent_count != len(list_filter(string_split(patent_ids, '|'), lambda x: x != '')))
    or bool_or(is_blank_candidate and patent_count > 0)
