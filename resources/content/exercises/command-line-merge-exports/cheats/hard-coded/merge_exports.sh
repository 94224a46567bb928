#!/usr/bin/env bash
# Cheat: prints the merge of the shipped exports/ folder, whatever folder it is given.
if [ "$#" -ne 1 ]; then echo "Usage: bash merge_exports.sh EXPORT_FOLDER" >&2; exit 2; fi
cat <<'CSV'
customer_id,churn_score,model_version,scored_at
C-10412,0.82,churn-v4,2024-05-13T02:10:04Z
C-10977,0.11,churn-v4,2024-05-13T02:10:05Z
C-11030,0.47,churn-v4,2024-05-13T02:10:05Z
C-11291,0.65,churn-v4,2024-05-13T02:10:07Z
C-10412,0.79,churn-v4,2024-05-15T02:11:40Z
C-12004,0.33,churn-v4,2024-05-15T02:11:41Z
C-12118,0.91,churn-v4,2024-05-15T02:11:43Z
C-10977,0.14,churn-v5,2024-05-16T02:09:58Z
C-12331,0.58,churn-v5,2024-05-16T02:09:59Z
CSV
