using System.Globalization;
using System.Text.Json.Serialization;
using FluentValidation;
using Mapster;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Samordning.FollowUp.Common;
using Samordning.FollowUp.Common.Auditing;
using Samordning.FollowUp.Common.Security;
using Samordning.FollowUp.Data;
using Samordning.FollowUp.Features.AnswerLinks;
using Samordning.FollowUp.Features.Associations;
using Samordning.FollowUp.Features.Auth;
using Samordning.FollowUp.Features.CodeLists;
using Samordning.FollowUp.Features.Interventions;
using Samordning.FollowUp.Features.Participations;
using Samordning.FollowUp.Features.Referrals;
using Samordning.FollowUp.Features.Providers;
using Samordning.FollowUp.Features.Users;
using Samordning.FollowUp.Features.Privacy;
using Samordning.FollowUp.Features.Progression;
using Samordning.FollowUp.Features.Audit;
using Samordning.FollowUp.Features.Reports;
using Samordning.FollowUp.Features.TertialCycle;
using Samordning.FollowUp.Features.DataQuality;
using Samordning.FollowUp.Features.Economy;
using Samordning.FollowUp.Features.Trends;
using Samordning.FollowUp.Features.FollowUps;
using Samordning.FollowUp.Features.Indicators;
using Samordning.FollowUp.Features.Notifications;
using Samordning.FollowUp.Jobs;

namespace Samordning.FollowUp;

public static class ServiceCollectionExtensions
{
    /// <summary>Everything the service needs except the host's own concerns (OpenAPI UI, URLs).</summary>
    public static IServiceCollection AddFollowUp(
        this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        // First, so that every logger anyone creates writes through the redaction.
        services.AddLogRedaction();
        services.AddSingleton(TimeProvider.System);
        services.AddFollowUpDatabase(configuration, environment);
        services.AddIdentityProtection(configuration, environment);
        services.AddFollowUpAuthentication(configuration, environment);
        services.AddScoped<AuditLog>();
        services.AddScoped<UserScopes>();
        services.AddScoped<CoachConfirmation>();
        services.AddScoped<AccountEmails>();
        services.AddOptions<PasswordLinkOptions>().ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<DataProtectionTokenProviderOptions>().Configure<IOptions<AuthOptions>>((tokens, auth) =>
            tokens.TokenLifespan = TimeSpan.FromHours(auth.Value.PasswordLinkHours));
        services.AddScoped<Features.Auth.PasswordSignIn>();
        services.AddScoped<Features.Auth.ExternalSignIn>();
        services.Configure<Microsoft.AspNetCore.Authentication.OpenIdConnect.OpenIdConnectOptions>(
            Common.Security.AuthenticationSetup.OpenIdConnectScheme, Features.Auth.ExternalSignIn.HandleFailures);
        services.AddScoped<Features.Auth.PasswordChoice>();
        services.AddScoped<Features.Auth.RefreshTokenFamilies>();
        services.AddSingleton<Features.Auth.DummyPasswordHash>();
        services.AddSingleton<Features.Auth.AccountLockedMail>();
        services.AddHostedService<Features.Auth.AccountLockedMailSender>();
        services.AddScoped<IdentityEraser>();

        services.AddMediator(options =>
        {
            // Handlers take the scoped DbContext.
            options.ServiceLifetime = ServiceLifetime.Scoped;
            // Who may send a message is checked before anything else looks at it.
            options.PipelineBehaviors = [typeof(AuthorizationBehavior<,>), typeof(ValidationBehavior<,>)];
        });
        ValidatorOptions.Global.LanguageManager.Culture = new CultureInfo("sv");
        // Singletons: a validator holds nothing but its rules and the clock, and building one per
        // request cost the intake a good part of its time (every rule's expression is analysed).
        services.AddValidatorsFromAssemblyContaining<ValidationBehavior<Mediator.IMessage, object>>(
            ServiceLifetime.Singleton, includeInternalTypes: true);

        // Mapster maps plain shapes by name; a feature whose shapes are not plain brings its own IRegister.
        var mapping = new TypeAdapterConfig();
        mapping.Apply(new InterventionMapping(), new ParticipationMapping());
        mapping.Compile();
        services.AddSingleton(mapping);

        services.AddScoped<ParticipationReader>();
        services.AddScoped<InterventionFigures>();
        services.AddScoped<ProviderParticipationReader>();
        services.AddScoped<ParticipantIdentities>();
        services.AddScoped<ReferralReader>();
        services.AddScoped<ReferralDecisions>();
        services.AddScoped<ReferralIntake>();
        services.AddScoped<ReferralQueue>();
        services.AddOptions<ReferralOptions>().BindConfiguration(ReferralOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<IndicatorCalculator>();
        services.AddScoped<ProgressionCalculator>();
        services.AddScoped<ProgressionReportBuilder>();
        services.AddScoped<FollowUpScheduler>();
        services.AddScoped<TertialReportBuilder>();
        services.AddScoped<ReportYearParts>();
        services.AddScoped<Features.Reports.ReportScopes>();
        services.AddScoped<Features.Reports.ReportReadVersion>();
        services.AddSingleton<Features.Reports.InterventionSlices>();
        services.AddSingleton<Features.Reports.AdoptedSnapshots>();
        services.AddScoped<Features.Economy.EconomyBuilder>();
        services.AddScoped<DataQualityChecks>();
        services.AddScoped<TertialCycleRules>();
        services.AddScoped<TertialCycleProviders>();
        services.AddScoped<TertialCycleNotices>();
        services.AddScoped<DataQualityReader>();
        services.AddOptions<TertialCycleOptions>().BindConfiguration(TertialCycleOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<Features.Reports.Trends.ReportTrends>();
        services.AddScoped<Features.Reports.Disclosure.BoardDisclosure>();
        services.AddSingleton<Features.Reports.Disclosure.YearMaskMemo>();
        services.AddSingleton<Features.Reports.BuiltReports>();
        services.AddSingleton<Features.Reports.ReportWarmer>();
        services.AddHostedService<Features.Reports.ReportWarmerService>();
        services.AddScoped<EmailSender>();
        services.AddScoped<NotificationMailer>();
        services.AddOptions<ReportOptions>().BindConfiguration(ReportOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<FollowUpOptions>().BindConfiguration(FollowUpOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<SmtpOptions>().BindConfiguration(SmtpOptions.Section);
        services.AddAnswerLinks();
        services.AddFollowUpJobs(configuration, environment);

        services.ConfigureHttpJsonOptions(options =>
        {
            // Codes travel as one defined name; a number, a list or an unknown name is refused, never guessed.
            options.SerializerOptions.Converters.Add(new StrictEnumConverterFactory());
            // A misspelt field is refused rather than silently dropped.
            options.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
            // A field sent twice is refused: the last one would otherwise win unseen (two personnummer in one body).
            options.SerializerOptions.AllowDuplicateProperties = false;
            // A number is a JSON number: "12" is refused, and the OpenAPI document says "integer", not "integer or string".
            options.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
        });
        // Outside Development minimal APIs answer a body they cannot read with a bare 400;
        // throwing lets the exception handler name the field.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            context.ProblemDetails.Extensions["traceId"] = context.HttpContext.TraceIdentifier;
            SwedishProblemTitles.Apply(context.ProblemDetails, context.HttpContext.Response.StatusCode);
        });
        services.AddExceptionHandler<ProblemDetailsExceptionHandler>();
        return services;
    }

    public static IEndpointRouteBuilder MapFollowUpEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapAssociationEndpoints();
        app.MapProviderEndpoints();
        app.MapInterventionEndpoints();
        app.MapParticipationEndpoints();
        app.MapReferralEndpoints();
        app.MapCodeListEndpoints();
        app.MapTwelveMonthFollowUpEndpoints();
        app.MapNotificationEndpoints();
        app.MapIndicatorEndpoints();
        app.MapJobEndpoints();
        app.MapReportEndpoints();
        app.MapEconomyEndpoints();
        app.MapTrendEndpoints();
        app.MapTertialCycleEndpoints();
        app.MapDataQualityEndpoints();
        app.MapAuthEndpoints();
        app.MapUserEndpoints();
        app.MapPrivacyEndpoints();
        app.MapAnswerLinkEndpoints();
        app.MapAuditEndpoints();
        app.MapProgressionEndpoints();
        return app;
    }
}
