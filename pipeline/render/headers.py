"""Chinese column headers for every export (Excel and CSV): "中文 english_name", so an analyst reads the Chinese
and a script can still find the field name. A column missing here keeps its English name alone; the unit test
on the exports lists any such column."""

from __future__ import annotations

HEADERS_ZH = {
    "applicant": "申请人", "applicant_count": "申请人数", "applicant_name": "申请人名称",
    "applicants": "申请人", "application_count": "申请量",
    "application_sensitivity_count": "申请量（敏感性阈值）", "application_yoy_pct": "申请量同比%",
    "applications": "申请量", "backward_citations": "引用数", "benchmark_share_pct": "基准占比%",
    "chongqing_applicants": "重庆申请人", "cited_id": "被引专利", "cited_title": "被引专利名称",
    "cited_year": "被引年份", "citing_id": "施引专利", "citing_title": "施引专利名称",
    "citing_year": "施引年份", "cluster": "聚类", "community_id": "引证社群", "core_rank": "核心排名",
    "core_score": "核心得分", "count": "数量", "date": "日期", "design_count": "外观设计数",
    "district_code": "区县代码", "district_name": "区县", "district_name_zh": "区县", "real_count": "真实记录数",
    "entity_a": "主体A", "entity_b": "主体B",
    "entity_id": "主体编号", "file_name": "文件名", "filing_year": "申请年", "first_filing_date": "首次申请日",
    "first_year": "首年", "format": "格式", "forward_citations": "被引数", "grant_count": "授权量",
    "growth_pct": "增长%", "hhi": "集中度HHI", "id": "编号", "industry_code": "产业代码",
    "invention_application_count": "发明申请数", "invention_applications_per_10k": "每万人口发明申请",
    "invention_count": "发明数", "invention_grant_count": "发明授权数",
    "invention_grants_per_10k": "每万人口发明授权", "is_pre_ftz": "自贸区设立前", "is_synthetic": "合成数据",
    "label": "名称", "label_a": "名称A", "label_b": "名称B", "label_en": "英文名称", "label_zh": "中文名称",
    "last_year": "末年", "link": "链接", "link_type": "链接类型", "method": "方法", "pagerank": "引证网络PageRank",
    "patent_count": "专利数", "patent_id": "公开号", "patent_type": "专利类型", "patents": "专利",
    "patents_loaded_count": "已载入专利数", "pct_share_pct": "PCT占比%", "population": "人口",
    "population_year": "人口年份", "prior_count": "前期数量", "recent_count": "近期数量", "scope": "范围",
    "scope_code": "范围代码", "scope_share_pct": "范围占比%", "sha256": "SHA256校验", "signal_rank": "信号排名",
    "signal_type": "信号类型", "source": "来源", "spc": "SPC权重", "synthetic_count": "合成数据数",
    "target": "目标", "title": "标题", "top5_share_pct": "前五占比%", "topic": "主题",
    "utility_model_count": "实用新型数", "weight": "权重", "window_end": "窗口结束", "window_start": "窗口开始",
    "x": "横坐标", "y": "纵坐标", "level": "层级", "area_code": "地区代码", "name_zh": "中文名称",
    "name_en": "英文名称", "valid_invention_count": "有效发明专利", "valid_presumed_count": "其中推定有效",
    "high_value_count": "高价值发明专利", "valid_per_10k": "每万人口有效发明专利",
    "high_value_per_10k": "每万人口高价值发明专利", "criterion_order": "序号", "criterion": "标准",
    "patents_with_data": "有数据的专利", "met_count": "符合数", "is_evaluable": "可评估", "note_zh": "说明",
    "note_en": "说明（英文）", "application_number": "申请号", "application_date": "申请日",
    "publication_date": "公开日", "grant_date": "授权日", "ipc": "IPC分类号", "ipc_main": "主IPC",
    "industry": "产业", "zone_code": "片区", "zone_rule": "片区归属规则", "zone_confidence": "片区置信度",
    "zone_evidence": "归属依据", "legal_status": "法律状态", "in_force_basis": "有效依据",
    "is_high_value": "高价值", "criteria_met": "满足标准数", "reasons_zh": "高价值理由",
    "reasons_en": "高价值理由（英文）", "field_scheme": "分类体系", "field_code": "技术领域代码",
    "field_zh": "技术领域", "field_en": "技术领域（英文）", "benchmark": "基准",
    "zone_field_count": "片区领域专利数", "zone_total": "片区专利总数", "bench_field_count": "基准领域专利数",
    "bench_total": "基准专利总数", "rta": "显示性技术优势RTA", "bench_growth_pct": "基准增长%",
    "related_count": "相关领域能力", "is_white_space": "空白点", "direction_rank": "布局方向排名",
    "reason_zh": "理由", "reason_en": "理由（英文）",
    "field_group": "相邻领域组", "median_growth_pct": "增长中位数%",
    "event_year": "年份", "event_date": "事件日期", "operation_type": "运营类型",
    "operation_type_zh": "运营类型（中文）",
    "event_count": "事件数", "operation_count": "运营次数", "with_counterparty_count": "有交易方的事件",
    "party_from": "转让/许可/出质方", "party_to": "受让/被许可/质权方", "source_field": "来源字段",
    "event_text": "事件内容", "direction": "方向", "party_rank": "排名", "party": "交易方",
    "party_role_zh": "交易方角色",
    "applicant_rank": "申请人排名", "both_count": "双方均标注", "branch_code": "技术分支代码",
    "branch_en": "技术分支（英文）", "branch_patents": "分支专利数", "branch_rank": "分支排名",
    "branch_scheme": "分支体系", "branch_zh": "技术分支", "busy_min": "热点阈值", "confidence": "置信度",
    "design": "外观设计", "display_name": "名称", "efficacy_code": "功效代码", "efficacy_en": "功效（英文）",
    "efficacy_zh": "功效", "family_size": "同族规模", "high_value": "高价值数",
    "high_value_reasons": "高价值理由", "industry_rank": "产业内排名", "invention": "发明",
    "ipc_subclass": "IPC小类", "is_blank_candidate": "候选空白点", "is_self": "本企业",
    "matched_text": "匹配的地址文字", "operations_events": "转让/许可/质押事件", "ours_count": "本系统标注数",
    "overseas_members": "海外同族数", "patent_ids": "专利号", "patents_compared": "比较的专利数",
    "precision_pct": "精确率%", "recall_pct": "召回率%", "rule": "规则", "shared_patents": "共同专利",
    "status": "法律状态（归一）", "utility_model": "实用新型", "vendor_count": "数据商标注数",
}


def export_header(column: str) -> str:
    """"申请号 application_number" for a known column; the column name alone otherwise."""
    zh = HEADERS_ZH.get(column)
    return f"{zh} {column}" if zh else column
