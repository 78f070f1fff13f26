namespace OkrRollout.Web.Training;

public static class TrainingServiceCollectionExtensions
{
    public static IServiceCollection AddTraining(this IServiceCollection services) => services
        .AddScoped<SessionMail>()
        .AddScoped<SessionRoster>()
        .AddScoped<InvitationAudience>()
        .AddScoped<SessionFollowUps>()
        .AddScoped<TrainingAccess>();
}
