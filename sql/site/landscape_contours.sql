select level_index, density, polygon_json
from enrich.landscape_contour
where industry_code = $industry
order by level_index
