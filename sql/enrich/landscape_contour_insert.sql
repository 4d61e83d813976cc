insert into enrich.landscape_contour values (?, ?, ?, ?)
