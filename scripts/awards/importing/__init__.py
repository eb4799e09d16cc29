"""`awards import`: the notice's own tables (附件5, 附件6 in Excel or WPS) and Word 事迹 into records.

Clerks already keep their nominations in the official spreadsheets and Word documents; this stage reads
them (pandas for tables, python-docx for texts) so nobody retypes a table into YAML.
"""
