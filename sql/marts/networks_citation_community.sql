-- Communities from nw_community (patent_id, community_id): size, the dominant IPC subclass (CPC where a
-- member has no IPC) and a label = dominant topic when topics exist, else the dominant subclass.
create or replace table mart.citation_community as
with sizes as (
    select community_id, count(*) as size from nw_community group by all
),

subclasses as (
    select
        member.community_id,
        class.subclass,
        count(distinct member.patent_id) as n
    from nw_community as member
    inner join core.classification as class on class.patent_id = member.patent_id
    where class.scheme = 'IPC'
        or (class.scheme = 'CPC' and not exists (
            select 1 from core.classification as ipc
            where ipc.patent_id = member.patent_id and ipc.scheme = 'IPC'))
    group by all
),

-- ties broken by the subclass itself (an earlier key looked only at its first letter, so G01N and G06F tied and
-- a Celery worker and patentnav run could label a community differently)
top_subclass as (
    select community_id, first(subclass order by n desc, subclass) as top_ipc
    from subclasses
    group by all
),

topics as (
    select member.community_id, topic.topic_label, count(*) as n
    from nw_community as member
    inner join nw_topic as topic on topic.patent_id = member.patent_id
    group by all
),

top_topic as (
    select community_id, first(topic_label order by n desc, topic_label) as top_topic from topics group by all
),

final as (
    select
        sizes.community_id,
        sizes.size,
        coalesce(top_topic.top_topic, top_subclass.top_ipc, 'community ' || sizes.community_id) as label,
        top_subclass.top_ipc
    from sizes
    left join top_subclass on top_subclass.community_id = sizes.community_id
    left join top_topic on top_topic.community_id = sizes.community_id
)

select * from final order by community_id
