insert into industry_pattern values (?, ?, ?, ?)
