using Convene.Data;
using Microsoft.EntityFrameworkCore;

namespace Convene.Ui.Live;

/// <summary>Registers what the live pages need to follow changes: the <see cref="MeetingChangeNotifier"/>, the
/// <see cref="MeetingChangeInterceptor"/> on both database contexts, <see cref="LiveViewOptions"/>, and the pages' reads and actions.</summary>
public static class LiveViewExtensions
{
    public static IServiceCollection AddLiveView(this IServiceCollection services)
    {
        services.AddOptions<LiveViewOptions>().BindConfiguration(LiveViewOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<Microsoft.AspNetCore.Components.Server.CircuitOptions>()
            .Configure<Microsoft.Extensions.Options.IOptions<LiveViewOptions>>((circuits, live) => circuits.DisconnectedCircuitRetentionPeriod = live.Value.DisconnectedRetention);
        services.AddSingleton<MeetingChangeNotifier>();
        services.AddSingleton<MeetingChangeInterceptor>();
        services.AddSingleton<LiveMeetings>();
        services.AddSingleton<LiveControl>();
        services.ConfigureDbContext<SqliteConveneDb>((sp, db) => db.AddInterceptors(sp.GetRequiredService<MeetingChangeInterceptor>()));
        services.ConfigureDbContext<PostgresConveneDb>((sp, db) => db.AddInterceptors(sp.GetRequiredService<MeetingChangeInterceptor>()));
        return services;
    }
}
