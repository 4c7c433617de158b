/*
 * The Kusto query of --kql (see kql.h).  It is built of lets: the
 * catalogue as a datatable with one row per entry (its codes a dynamic
 * array, expanded by mv-expand), the tables' roles, the classes as a
 * function, the SBC rule and the SIP reason phrases as datatables; then
 * the pairs of the log table, summarized, and the ladder of a --scan
 * applied to each: the exact entries, else the generic subcode, else what
 * the code means, else the SBC rule (subcodes 560xxx and 540xxx), else the
 * class; a code alone by the rows that describe it alone, else its class.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "core/escape.h"
#include "kql.h"

/* Write s to b. */
static void
emit(FILE *b, const char *s)
{
	fputs(s, b);
}
#include "core/lookup.h"
#include "core/timeparse.h"

static const struct kql_column call_summary[] = {
	{ "TimeGenerated", "datetime" }, { "CallStartTime", "datetime" },
	{ "ParticipantStartTime", "datetime" }, { "CallDuration", "long" },
	{ "ParticipantDuration", "long" }, { "CallType", "string" },
	{ "Category", "string" }, { "CorrelationId", "string" },
	{ "DiagnosticOptions", "string" }, { "EndpointId", "string" },
	{ "EndpointType", "string" }, { "Identifier", "string" },
	{ "OperationName", "string" }, { "OperationVersion", "string" },
	{ "OsVersion", "string" }, { "ParticipantEndReason", "string" },
	{ "ParticipantEndSubCode", "string" }, { "ParticipantId", "string" },
	{ "ParticipantTenantId", "string" }, { "ParticipantType", "string" },
	{ "PstnParticipantCallType", "string" }, { "ResultCategory", "string" },
	{ "SdkVersion", "string" }, { "SourceSystem", "string" },
	{ "TenantId", "string" }, { "Type", "string" },
	{ "_ResourceId", "string" }, { "_BilledSize", "real" },
	{ "_IsBillable", "string" },
};

static const struct kql_column media_summary[] = {
	{ "TimeGenerated", "datetime" }, { "OperationName", "string" },
	{ "CorrelationId", "string" }, { "ResultCode", "int" },
	{ "ResultSubcode", "int" }, { "ResultMessage", "string" },
	{ "ResultType", "string" },
};

const struct kql_table kql_tables[] = {
	{ "ACSCallSummary", "ParticipantEndReason", "ParticipantEndSubCode",
	    call_summary, sizeof(call_summary) / sizeof(call_summary[0]) },
	{ "ACSCallAutomationMediaSummary", "ResultCode", "ResultSubcode",
	    media_summary, sizeof(media_summary) / sizeof(media_summary[0]) },
};
const size_t kql_ntables = sizeof(kql_tables) / sizeof(kql_tables[0]);

/* The table named name, in any case; NULL if none is. */
const struct kql_table *
kql_table(const char *name)
{
	for (size_t i = 0; i < kql_ntables; i++)
		if (strcasecmp(name, kql_tables[i].name) == 0)
			return &kql_tables[i];
	return NULL;
}

/* The column of t named name, in any case, as KQL spells it; NULL if
 * none is. */
const char *
kql_column(const struct kql_table *t, const char *name)
{
	for (size_t i = 0; i < t->ncolumns; i++)
		if (strcasecmp(name, t->columns[i].name) == 0)
			return t->columns[i].name;
	return NULL;
}

void
kql_table_names(FILE *b)
{
	for (size_t i = 0; i < kql_ntables; i++) {
		emit(b, i == 0 ? "" : i + 1 == kql_ntables ? " and " : ", ");
		emit(b, kql_tables[i].name);
	}
}

void
kql_column_names(FILE *b, const struct kql_table *t)
{
	for (size_t i = 0; i < t->ncolumns; i++) {
		emit(b, i == 0 ? "" : ", ");
		emit(b, t->columns[i].name);
	}
}

static void
to_file(void *arg, const char *s, size_t n)
{
	fwrite(s, 1, n, arg);
}

/* s as a KQL string literal: "...", with \" \\ \n \r \t and \u escapes. */
void
put_kql_string(FILE *b, const char *s)
{
	escape_string(s, 1, to_file, b);
}

static void
put_num(FILE *b, unsigned long n)
{
	char num[24];

	snprintf(num, sizeof(num), "%lu", n);
	emit(b, num);
}

/* The catalogue: a row per entry. */
static void
put_entries(FILE *b)
{
	emit(b, "let AcsEntries = datatable(Table:string, Codes:dynamic, "
	    "Subcode:int, Category:string,\n    Message:string, Advice:string, "
	    "Link:string, Source:string)\n[\n");
	for (size_t i = 0; i < acs_nentries; i++) {
		const struct acs_entry *e = &acs_entries[i];

		emit(b, "    ");
		put_kql_string(b, entry_table(e)->name);
		emit(b, ", dynamic([");
		for (size_t k = 0; k < e->ncodes; k++) {
			emit(b, k > 0 ? "," : "");
			put_num(b, e->codes[k]);
		}
		emit(b, "]), ");
		if (e->has_subcode)
			put_num(b, e->subcode);
		else
			emit(b, "int(null)");
		emit(b, ", ");
		put_kql_string(b, category_name(e->category));
		emit(b, ",\n        ");
		put_kql_string(b, e->message);
		emit(b, ", ");
		put_kql_string(b, e->advice);
		emit(b, ", ");
		put_kql_string(b, e->nlinks > 0 ? e->links[0].url : "");
		emit(b, ", ");
		put_kql_string(b, source_kinds[acs_sources[e->source].kind]);
		emit(b, i + 1 < acs_nentries ? ",\n" : "\n");
	}
	emit(b, "];\n");
}

/* The role of each table, the SBC rule and the SIP reason phrases. */
static void
put_small_tables(FILE *b)
{
	static const char *const roles[] = {
#define X(id, name, one) name,
		ACS_ROLE_LIST(X)
#undef X
	};

	emit(b, "let AcsRoles = datatable(Table:string, Role:string)\n[\n");
	for (size_t i = 0; i < acs_ntables; i++) {
		emit(b, "    ");
		put_kql_string(b, acs_tables[i].name);
		emit(b, ", ");
		put_kql_string(b, roles[acs_tables[i].role]);
		emit(b, i + 1 < acs_ntables ? ",\n" : "\n];\n");
	}
	emit(b, "let AcsRules = datatable(Prefix:int, RuleTable:string, "
	    "RuleMessage:string, RuleAdvice:string)\n[\n");
	for (size_t i = 0; i < acs_nrules; i++) {
		emit(b, "    ");
		put_num(b, acs_rules[i].prefix);
		emit(b, ", ");
		put_kql_string(b, acs_tables[acs_rules[i].table].name);
		emit(b, ",\n        ");
		put_kql_string(b, acs_rules[i].message);
		emit(b, ", ");
		put_kql_string(b, acs_rules[i].advice);
		emit(b, i + 1 < acs_nrules ? ",\n" : "\n];\n");
	}
	emit(b, "let AcsSip = datatable(Sip:int, SipReason:string)\n[\n");
	for (size_t i = 0; i < acs_nsips; i++) {
		emit(b, i % 4 == 0 ? "    " : " ");
		put_num(b, acs_sips[i].code);
		emit(b, ", ");
		put_kql_string(b, acs_sips[i].reason);
		emit(b, i + 1 == acs_nsips ? "\n];\n" : i % 4 == 3 ? ",\n" :
		    ",");
	}
}

/* The classes: what the article says of a code's class, by its table:
 * for a PSTN call its ParticipantEndReason group first. */
static void
put_classes(FILE *b)
{
	emit(b, "let AcsClass = (code:int, pstn:bool) {\n    case(");
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < acs_nclasses; i++) {
			const struct acs_class *c = &acs_classes[i];
			int pstn = acs_tables[c->table].role == ACS_ROLE_PSTN;

			if (pstn != (pass == 0))
				continue;
			emit(b, pstn ? "pstn and " : "");
			emit(b, c->first == c->last ? "code == " :
			    "code between (");
			put_num(b, c->first);
			if (c->first != c->last) {
				emit(b, " .. ");
				put_num(b, c->last);
				emit(b, ")");
			}
			emit(b, ", bag_pack(\"table\", ");
			put_kql_string(b, acs_tables[c->table].name);
			emit(b, ", \"message\",\n        ");
			put_kql_string(b, c->message);
			emit(b, "),\n        ");
		}
	emit(b, "dynamic(null))\n};\n");
}

/* The ladder's parts, each a table keyed as the log's pairs are. */
static const char ladder[] =
"let AcsCatalog = AcsEntries\n"
"    | serialize Ord = row_number()\n"
"    | lookup kind=leftouter AcsRoles on Table;\n"
"let AcsByCode = AcsCatalog\n"
"    | mv-expand Code = Codes to typeof(int);\n"
"// 1. the entries of a call, PSTN or generic table with this code and "
"subcode\n"
"let AcsExact = AcsByCode\n"
"    | where Role != \"message\" and isnotnull(Subcode)\n"
"    | summarize arg_min(Ord, Table, Category, Message) by Code, Subcode\n"
"    | project Code, Subcode, ExactTable = Table, ExactCategory = Category,\n"
"        ExactMessage = Message;\n"
"// 2. else the generic meaning of the subcode\n"
"let AcsGeneric = AcsCatalog\n"
"    | where Role == \"generic-subcodes\" and isnotnull(Subcode)\n"
"    | summarize arg_min(Ord, Table, Category, Message) by Subcode\n"
"    | project Subcode, GenericTable = Table, GenericCategory = Category,\n"
"        GenericMessage = Message;\n"
"// 3. else what the code means whatever the subcode\n"
"let AcsMeaning = AcsByCode\n"
"    | where Role != \"message\" and isnull(Subcode)\n"
"    | summarize arg_min(Ord, Table, Category, Message) by Code\n"
"    | project Code, MeaningTable = Table, MeaningCategory = Category,\n"
"        MeaningMessage = Message;\n"
"// a code alone: what means it, else its row in any table (Chat, SMS)\n"
"let AcsAlone = AcsByCode\n"
"    | where isnull(Subcode)\n"
"    | summarize arg_min(Ord, Table, Category, Message) by Code\n"
"    | project Code, AloneTable = Table, AloneCategory = Category,\n"
"        AloneMessage = Message;\n"
"// a pair is a PSTN call's if the PSTN table lists its subcode or the "
"SBC rule\n"
"// applies; a code alone, if the PSTN table lists the code\n"
"let AcsPstnSubcodes = toscalar(AcsCatalog | where Role == \"pstn\" and "
"isnotnull(Subcode)\n"
"    | summarize make_set(Subcode));\n"
"let AcsPstnCodes = toscalar(AcsByCode | where Role == \"pstn\"\n"
"    | summarize make_set(Code));\n";

/* Explain the pairs of AcsCounts: the ladder, then the columns out. */
static const char explain[] =
"| lookup kind=leftouter AcsExact on Code, Subcode\n"
"| lookup kind=leftouter AcsGeneric on Subcode\n"
"| lookup kind=leftouter AcsMeaning on Code\n"
"| lookup kind=leftouter AcsAlone on Code\n"
"| extend Prefix = toint(Subcode / 1000), Sip = toint(Subcode % 1000)\n"
"| lookup kind=leftouter AcsRules on Prefix\n"
"| lookup kind=leftouter AcsSip on Sip\n"
"| extend Class = AcsClass(Code, iff(isnull(Subcode),\n"
"    set_has_element(AcsPstnCodes, Code),\n"
"    isnotempty(RuleMessage) or set_has_element(AcsPstnSubcodes, "
"Subcode)))\n"
"| extend ClassMessage = tostring(Class.message), "
"ClassTable = tostring(Class.table)\n"
"| extend Match = case(\n"
"    isnull(Subcode) and (isnotempty(MeaningMessage) or "
"isnotempty(AloneMessage)), \"exact\",\n"
"    isnull(Subcode) and isnotempty(ClassMessage), \"class\",\n"
"    isnull(Subcode), \"\",\n"
"    isnotempty(ExactMessage), \"exact\",\n"
"    isnotempty(GenericMessage), \"generic-subcode\",\n"
"    isnotempty(MeaningMessage), \"code\",\n"
"    isnotempty(RuleMessage), \"rule\",\n"
"    isnotempty(ClassMessage), \"class\",\n"
"    \"\")\n"
"| extend Alone = isnull(Subcode) and isnotempty(MeaningMessage)\n"
"| extend Category = case(\n"
"        Match == \"exact\" and isnull(Subcode), "
"iff(Alone, MeaningCategory, AloneCategory),\n"
"        Match == \"exact\", ExactCategory,\n"
"        Match == \"generic-subcode\", GenericCategory,\n"
"        Match == \"code\", MeaningCategory, \"\"),\n"
"    Message = case(\n"
"        Match == \"exact\" and isnull(Subcode), "
"iff(Alone, MeaningMessage, AloneMessage),\n"
"        Match == \"exact\", ExactMessage,\n"
"        Match == \"generic-subcode\", GenericMessage,\n"
"        Match == \"code\", MeaningMessage,\n"
"        Match == \"rule\", strcat(RuleMessage, iff(isempty(SipReason), \"\",\n"
"            strcat(\"\\nThe SIP response code from the SBC was \", "
"tostring(Sip),\n"
"            \" (\", SipReason, \").\"))),\n"
"        Match == \"class\", ClassMessage, \"(undocumented)\"),\n"
"    Table = case(\n"
"        Match == \"exact\" and isnull(Subcode), "
"iff(Alone, MeaningTable, AloneTable),\n"
"        Match == \"exact\", ExactTable,\n"
"        Match == \"generic-subcode\", GenericTable,\n"
"        Match == \"code\", MeaningTable,\n"
"        Match == \"rule\", RuleTable,\n"
"        Match == \"class\", ClassTable, \"\")\n"
"| extend Documented = Match == \"exact\"\n";

/* datetime(2026-11-26T10:00:00.000Z) */
static void
put_datetime(FILE *b, int64_t ms)
{
	char t[TIME_ISO_MAX];

	format_time(ms, t);
	emit(b, "datetime(");
	emit(b, t);
	emit(b, ")");
}

/* The names the query gives columns of its own: a field of --by with one
 * of them is renamed By<name> (ACSCallSummary has a Category). */
static const char *const own_names[] = {
	"Count", "Share", "Code", "Subcode", "Category", "Message", "Match",
	"Documented", "Table", "Total", "Prefix", "Sip", "SipReason", "Class",
	"ClassMessage", "ClassTable", "Alone", "Hour", "Day",
};

static int
own_name(const char *name)
{
	for (size_t i = 0; i < sizeof(own_names) / sizeof(own_names[0]); i++)
		if (strcmp(name, own_names[i]) == 0)
			return 1;
	return 0;
}

/* The name of the column of dimension d of v in the query's output. */
static const char *
dim_column(const struct kql_table *t, const struct scan_dim *d)
{
	static char renamed[SCAN_MAX_DIMS][80];
	const char *name;

	if (d->kind == DIM_HOUR)
		return "Hour";
	if (d->kind == DIM_DAY)
		return "Day";
	name = kql_column(t, d->name);
	if (!own_name(name))
		return name;
	snprintf(renamed[d->field], sizeof(renamed[0]), "By%s", name);
	return renamed[d->field];
}

/* ", Day, SdkVersion" of the --by options (with first: without its
 * comma). */
static void
put_dims(FILE *b, const struct kql_table *t, const struct scan_view *v,
    int first)
{
	for (int i = 0; i < v->ndims; i++) {
		emit(b, first && i == 0 ? "" : ", ");
		emit(b, dim_column(t, &v->dims[i]));
	}
}

/* The pairs of the log table, in the window, counted by the --by
 * options, and the records of each bucket. */
static void
put_counts(FILE *b, const struct kql_table *t, const struct scan_view *v)
{
	emit(b, "let AcsCounts = materialize(");
	emit(b, t->name);
	if (v->has_since) {
		emit(b, "\n    | where TimeGenerated >= ");
		put_datetime(b, v->since);
	}
	if (v->has_until) {
		emit(b, "\n    | where TimeGenerated < ");
		put_datetime(b, v->until);
	}
	emit(b, "\n    | extend Code = toint(");
	emit(b, t->code);
	emit(b, "), Subcode = toint(");
	emit(b, t->subcode);
	emit(b, ")\n    | where isnotnull(Code)\n    | summarize Count = "
	    "count() by ");
	for (int i = 0; i < v->ndims; i++) {
		const struct scan_dim *d = &v->dims[i];

		if (d->kind == DIM_FIELD) {
			emit(b, dim_column(t, d));
			if (strcmp(dim_column(t, d), kql_column(t, d->name)) != 0) {
				emit(b, " = ");
				emit(b, kql_column(t, d->name));
			}
		} else
			emit(b, d->kind == DIM_HOUR ? "Hour = "
			    "bin(TimeGenerated, 1h)" : "Day = bin(TimeGenerated, "
			    "1d)");
		emit(b, ", ");
	}
	emit(b, "Code, Subcode);\n");
	if (v->ndims == 0) {
		emit(b, "let AcsTotal = toscalar(AcsCounts | summarize "
		    "sum(Count));\nAcsCounts\n| extend Share = round(100.0 * "
		    "Count / AcsTotal, 1)\n");
		return;
	}
	emit(b, "AcsCounts\n| join kind=inner (AcsCounts | summarize Total "
	    "= sum(Count) by ");
	put_dims(b, t, v, 1);
	emit(b, ") on ");
	put_dims(b, t, v, 1);
	emit(b, "\n| extend Share = round(100.0 * Count / Total, 1)\n");
}

/*
 * The query of --kql into b: the catalogue and the ladder, then the pairs
 * of table t counted by the --by options of v, in its window, explained,
 * most frequent first (bucket by bucket).  version and command go in the
 * heading comment.
 */
void
kql_query(FILE *b, const struct kql_table *t,
    const struct scan_view *v, const char *version, const char *command)
{
	emit(b, "// acsdiag ");
	emit(b, version);
	emit(b, ": the code and subcode pairs of ");
	emit(b, t->name);
	emit(b, ", explained.\n// Generated by: ");
	emit(b, command);
	emit(b, "\n// The data: \"Troubleshooting call end response codes\" "
	    "and its Markdown source,\n// Microsoft Learn, (c) Microsoft, CC "
	    "BY 4.0; SIP reason phrases, IANA.\n// Checked offline for syntax "
	    "and schema by acsdiag's tests; not run by acsdiag.\n");
	put_entries(b);
	put_small_tables(b);
	put_classes(b);
	emit(b, ladder);
	put_counts(b, t, v);
	emit(b, explain);
	emit(b, "| project ");
	put_dims(b, t, v, 1);
	emit(b, v->ndims > 0 ? ", " : "");
	emit(b, "Count, Share, Code, Subcode, Category, Message, Match,\n"
	    "    Documented, Table\n| order by ");
	for (int i = 0; i < v->ndims; i++) {
		emit(b, dim_column(t, &v->dims[i]));
		emit(b, " asc, ");
	}
	emit(b, "Count desc, Code asc, Subcode asc\n");
}
