namespace OkrRollout.Web.Training;

public static class TrainingServiceCollectionExtensions
{
    public static IServiceCollection AddTraining(this IServiceCollection services) => services
        .AddScoped<SessionMail>()
        .AddScoped<Enrollments>()
        .AddScoped<SessionFollowUps>()
        .AddScoped<TrainingAccess>();
}
