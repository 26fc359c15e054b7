{{ config(materialized='table') }}
select name, sum(amount) as total from {{ ref('people_view') }} group by name
