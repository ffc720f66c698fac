using System.Text;

namespace Convene.Lifecycle;

/// <summary>
/// The tables of Quartz.NET 4.7's ADO.NET job store (prefix <c>qrtz_</c>), written once as a column list and
/// rendered for PostgreSQL or SQLite. The layout (names, columns, keys) is the one Quartz 4.7.3's AdoJobStore
/// reads and writes (its <c>create_postgres</c>/<c>create_sqlite</c> schema); times are .NET ticks in BIGINT
/// columns. Convene's EF migrations run <see cref="Create"/> and <see cref="Drop"/> so that the job store needs
/// no schema provisioning of its own. Kept apart from the model migrations so the integrator can regenerate them.
/// </summary>
public static class QuartzSchema
{
    /// <summary>The table prefix the job store is configured with.</summary>
    public const string Prefix = "qrtz_";

    private enum T { Text, Name, Long, Int, Bool, Blob, Num }

    private sealed record Table(string Name, (string Column, T Type, bool Null)[] Columns, string[] Key, string? Parent = null, string[]? ParentKey = null, bool Cascade = false);

    private static readonly string[] TriggerKey = ["sched_name", "trigger_name", "trigger_group"];

    private static (string, T, bool) C(string name, T type, bool nullable = false) => (name, type, nullable);

    private static readonly Table[] Tables =
    [
        new("job_details", [C("sched_name", T.Name), C("job_name", T.Name), C("job_group", T.Name), C("description", T.Text, true),
            C("job_class_name", T.Text), C("is_durable", T.Bool), C("is_nonconcurrent", T.Bool), C("is_update_data", T.Bool),
            C("requests_recovery", T.Bool), C("job_data", T.Blob, true)], ["sched_name", "job_name", "job_group"]),
        new("triggers", [C("sched_name", T.Name), C("trigger_name", T.Name), C("trigger_group", T.Name), C("job_name", T.Name), C("job_group", T.Name),
            C("description", T.Text, true), C("next_fire_time", T.Long, true), C("prev_fire_time", T.Long, true), C("priority", T.Int, true),
            C("trigger_state", T.Name), C("trigger_type", T.Name), C("start_time", T.Long), C("end_time", T.Long, true), C("calendar_name", T.Name, true),
            C("misfire_instr", T.Int, true), C("misfire_orig_fire_time", T.Long, true), C("execution_group", T.Name, true), C("preferred_node", T.Name, true),
            C("preferred_node_auto", T.Bool), C("retry_policy", T.Text, true), C("retry_attempt", T.Int, true), C("continues_trigger_name", T.Name, true),
            C("continues_trigger_group", T.Name, true), C("continuation_condition", T.Int, true), C("overlap_policy", T.Int, true),
            C("pause_reason", T.Text, true), C("paused_by", T.Name, true), C("paused_at", T.Long, true), C("misfire_threshold", T.Long, true),
            C("fixed_delay", T.Bool, true), C("job_data", T.Blob, true)], TriggerKey, "job_details", ["sched_name", "job_name", "job_group"]),
        new("simple_triggers", [C("sched_name", T.Name), C("trigger_name", T.Name), C("trigger_group", T.Name), C("repeat_count", T.Long),
            C("repeat_interval", T.Long), C("times_triggered", T.Long)], TriggerKey, "triggers", TriggerKey, true),
        new("cron_triggers", [C("sched_name", T.Name), C("trigger_name", T.Name), C("trigger_group", T.Name), C("cron_expression", T.Text),
            C("time_zone_id", T.Name, true)], TriggerKey, "triggers", TriggerKey, true),
        new("simprop_triggers", [C("sched_name", T.Name), C("trigger_name", T.Name), C("trigger_group", T.Name), C("str_prop_1", T.Text, true),
            C("str_prop_2", T.Text, true), C("str_prop_3", T.Text, true), C("int_prop_1", T.Int, true), C("int_prop_2", T.Int, true),
            C("long_prop_1", T.Long, true), C("long_prop_2", T.Long, true), C("dec_prop_1", T.Num, true), C("dec_prop_2", T.Num, true),
            C("bool_prop_1", T.Bool, true), C("bool_prop_2", T.Bool, true), C("time_zone_id", T.Name, true)], TriggerKey, "triggers", TriggerKey, true),
        new("blob_triggers", [C("sched_name", T.Name), C("trigger_name", T.Name), C("trigger_group", T.Name), C("blob_data", T.Blob, true)],
            TriggerKey, "triggers", TriggerKey, true),
        new("calendars", [C("sched_name", T.Name), C("calendar_name", T.Name), C("calendar", T.Blob)], ["sched_name", "calendar_name"]),
        new("paused_trigger_grps", [C("sched_name", T.Name), C("trigger_group", T.Name), C("pause_reason", T.Text, true), C("paused_by", T.Name, true),
            C("paused_at", T.Long, true)], ["sched_name", "trigger_group"]),
        new("paused_job_grps", [C("sched_name", T.Name), C("job_group", T.Name), C("pause_reason", T.Text, true), C("paused_by", T.Name, true),
            C("paused_at", T.Long, true)], ["sched_name", "job_group"]),
        new("fired_triggers", [C("sched_name", T.Name), C("entry_id", T.Name), C("trigger_name", T.Name), C("trigger_group", T.Name),
            C("instance_name", T.Name), C("fired_time", T.Long), C("sched_time", T.Long), C("priority", T.Int), C("state", T.Name),
            C("job_name", T.Name, true), C("job_group", T.Name, true), C("is_nonconcurrent", T.Bool), C("requests_recovery", T.Bool, true),
            C("execution_group", T.Name, true), C("progress", T.Int, true), C("progress_message", T.Text, true), C("interrupt_requested_time", T.Long, true)],
            ["sched_name", "entry_id"]),
        new("scheduler_state", [C("sched_name", T.Name), C("instance_name", T.Name), C("last_checkin_time", T.Long), C("checkin_interval", T.Long),
            C("quartz_version", T.Name, true)], ["sched_name", "instance_name"]),
        new("locks", [C("sched_name", T.Name), C("lock_name", T.Name)], ["sched_name", "lock_name"]),
        new("misfire_history", [C("sched_name", T.Name), C("entry_id", T.Name), C("instance_name", T.Name), C("trigger_name", T.Name),
            C("trigger_group", T.Name), C("job_name", T.Name, true), C("job_group", T.Name, true), C("misfire_time", T.Long), C("sched_time", T.Long, true),
            C("reason", T.Int, true)], ["sched_name", "entry_id"]),
        new("job_status", [C("sched_name", T.Name), C("job_group", T.Name), C("job_name", T.Name), C("first_fired_time", T.Long), C("last_fired_time", T.Long),
            C("last_result", T.Int), C("last_run_time", T.Long), C("last_instance_name", T.Name), C("last_entry_id", T.Name, true),
            C("last_summary", T.Text, true), C("last_success_time", T.Long, true), C("last_failure_time", T.Long, true),
            C("last_failure_message", T.Text, true), C("consecutive_failures", T.Int), C("run_count", T.Long), C("failure_count", T.Long)],
            ["sched_name", "job_group", "job_name"]),
    ];

    private static readonly (string Name, string Table, string Columns)[] Indexes =
    [
        ("j_g_n", "job_details", "sched_name, job_group, job_name"),
        ("t_j", "triggers", "sched_name, job_name, job_group"),
        ("t_g_n", "triggers", "sched_name, trigger_group, trigger_name"),
        ("t_c", "triggers", "sched_name, calendar_name"),
        ("t_nft_st", "triggers", "sched_name, trigger_state, next_fire_time, priority, misfire_instr"),
        ("ft_inst_job_req_rcvry", "fired_triggers", "sched_name, instance_name, requests_recovery"),
        ("ft_j_g", "fired_triggers", "sched_name, job_name, job_group"),
        ("ft_t_g", "fired_triggers", "sched_name, trigger_name, trigger_group"),
        ("mh_misfire_time", "misfire_history", "sched_name, misfire_time"),
    ];

    /// <summary>The statements that make the job store's tables and indexes, in order.</summary>
    /// <param name="postgres">True for PostgreSQL, false for SQLite.</param>
    public static IReadOnlyList<string> Create(bool postgres)
    {
        var statements = new List<string>();
        foreach (var table in Tables)
        {
            var sql = new StringBuilder($"CREATE TABLE {Prefix}{table.Name} (");
            foreach (var (column, type, nullable) in table.Columns)
            {
                sql.Append($"{column} {TypeName(type, postgres)} {(nullable ? "NULL" : "NOT NULL")}{Default(column, postgres)}, ");
            }
            sql.Append($"PRIMARY KEY ({string.Join(", ", table.Key)})");
            if (table.Parent is not null)
            {
                var keys = string.Join(", ", table.ParentKey!);
                sql.Append($", FOREIGN KEY ({keys}) REFERENCES {Prefix}{table.Parent} ({keys}){(table.Cascade ? " ON DELETE CASCADE" : "")}");
            }
            statements.Add(sql.Append(')').ToString());
        }
        statements.AddRange(Indexes.Select(i => $"CREATE INDEX idx_{Prefix}{i.Name} ON {Prefix}{i.Table} ({i.Columns})"));
        return statements;
    }

    /// <summary>The statements that remove the tables again, children first.</summary>
    public static IReadOnlyList<string> Drop() => Tables.Reverse().Select(t => $"DROP TABLE IF EXISTS {Prefix}{t.Name}").ToList();

    private static string Default(string column, bool postgres) => column switch
    {
        "preferred_node_auto" => postgres ? " DEFAULT FALSE" : " DEFAULT 0",
        "consecutive_failures" or "run_count" or "failure_count" => " DEFAULT 0",
        _ => "",
    };

    private static string TypeName(T type, bool postgres) => (type, postgres) switch
    {
        (T.Text, true) or (T.Name, true) => "TEXT",
        (T.Text, false) => "TEXT",
        (T.Name, false) => "NVARCHAR(200)",
        (T.Long, _) => "BIGINT",
        (T.Int, _) => "INTEGER",
        (T.Bool, true) => "BOOL",
        (T.Bool, false) => "BIT",
        (T.Blob, true) => "BYTEA",
        (T.Blob, false) => "BLOB",
        (T.Num, _) => "NUMERIC",
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };
}
