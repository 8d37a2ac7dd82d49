/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  fragment ApiKeyFields on ApiKey {\n    id\n    name\n    prefix\n    active\n    createdAt\n    lastUsedAt\n    expiresAt\n    revokedAt\n  }\n": typeof types.ApiKeyFieldsFragmentDoc,
    "\n  mutation CreateApiKey($userId: ID, $name: String!, $expiresAt: DateTime) {\n    createApiKey(userId: $userId, name: $name, expiresAt: $expiresAt) {\n      secret\n      apiKey {\n        ...ApiKeyFields\n      }\n    }\n  }\n": typeof types.CreateApiKeyDocument,
    "\n  mutation RevokeAllApiKeys($userId: ID) {\n    revokeAllApiKeys(userId: $userId)\n  }\n": typeof types.RevokeAllApiKeysDocument,
    "\n  mutation RevokeApiKey($id: ID!) {\n    revokeApiKey(id: $id) {\n      ...ApiKeyFields\n    }\n  }\n": typeof types.RevokeApiKeyDocument,
    "\n  fragment PageFields on PageInfo {\n    endCursor\n    hasNextPage\n  }\n": typeof types.PageFieldsFragmentDoc,
    "\n  fragment BudgetFields on Budget {\n    id\n    scope\n    amount\n    currency\n    hardStop\n    thresholds\n    userId\n    roleId\n    user {\n      id\n      name\n      email\n    }\n    role {\n      id\n      name\n      builtIn\n    }\n    status {\n      period\n      spent\n      remaining\n      percent\n      exceeded\n      thresholdsCrossed\n      resetsAt\n    }\n  }\n": typeof types.BudgetFieldsFragmentDoc,
    "\n  fragment BudgetAlertFields on BudgetAlert {\n    id\n    at\n    threshold\n    scope\n    target\n    spent\n    amount\n    currency\n    period\n    budgetId\n    deliveries {\n      status\n      format\n      url\n      attempts\n      lastError\n      deliveredAt\n    }\n  }\n": typeof types.BudgetAlertFieldsFragmentDoc,
    "\n  subscription BudgetAlertsLive {\n    budgetAlerts {\n      ...BudgetAlertFields\n    }\n  }\n": typeof types.BudgetAlertsLiveDocument,
    "\n  fragment DlpEventFields on DlpEvent {\n    id\n    at\n    detector\n    kind\n    action\n    count\n    model\n    user {\n      ...UserOption\n    }\n  }\n": typeof types.DlpEventFieldsFragmentDoc,
    "\n  fragment RateLimitFields on RateLimit {\n    scope\n    targetId\n    requestsPerMinute\n    tokensPerMinute\n    updatedAt\n  }\n": typeof types.RateLimitFieldsFragmentDoc,
    "\n  query RateLimits($scope: RateLimitScope, $targetId: ID) {\n    rateLimits(scope: $scope, targetId: $targetId) {\n      ...RateLimitFields\n    }\n  }\n": typeof types.RateLimitsDocument,
    "\n  mutation SetRateLimit($scope: RateLimitScope!, $targetId: ID!, $requestsPerMinute: Int, $tokensPerMinute: Long) {\n    setRateLimit(scope: $scope, targetId: $targetId, requestsPerMinute: $requestsPerMinute, tokensPerMinute: $tokensPerMinute) {\n      ...RateLimitFields\n    }\n  }\n": typeof types.SetRateLimitDocument,
    "\n  mutation ClearRateLimit($scope: RateLimitScope!, $targetId: ID!) {\n    clearRateLimit(scope: $scope, targetId: $targetId)\n  }\n": typeof types.ClearRateLimitDocument,
    "\n  fragment UserOption on User {\n    id\n    name\n    email\n  }\n": typeof types.UserOptionFragmentDoc,
    "\n  query UserOptions {\n    users(first: 100) {\n      edges {\n        node {\n          ...UserOption\n        }\n      }\n    }\n  }\n": typeof types.UserOptionsDocument,
    "\n  fragment UserRow on User {\n    id\n    name\n    email\n    status\n    createdAt\n    roles {\n      id\n      name\n      builtIn\n    }\n    ...TodayAgainstQuota\n  }\n": typeof types.UserRowFragmentDoc,
    "\n  fragment TodayAgainstQuota on User {\n    quota {\n      id\n      dailyInputLimit\n      dailyOutputLimit\n    }\n    todayUsage {\n      inputTokens\n      outputTokens\n      requests\n    }\n  }\n": typeof types.TodayAgainstQuotaFragmentDoc,
    "\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      token\n      expiresAt\n    }\n  }\n": typeof types.LoginDocument,
    "\n  mutation Logout {\n    logout\n  }\n": typeof types.LogoutDocument,
    "\n  query Me {\n    me {\n      id\n      name\n      email\n    }\n  }\n": typeof types.MeDocument,
    "\n  query Viewer {\n    me {\n      id\n      name\n      email\n      roles {\n        id\n        name\n        builtIn\n        permissions\n      }\n    }\n  }\n": typeof types.ViewerDocument,
    "\n  query Account($userId: ID!, $from: Date!, $to: Date!, $withBudgets: Boolean!) {\n    me {\n      id\n      name\n      email\n      createdAt\n      roles {\n        id\n        name\n        builtIn\n        permissions\n      }\n      ...TodayAgainstQuota\n      apiKeys(first: 100) {\n        edges {\n          node {\n            ...ApiKeyFields\n          }\n        }\n      }\n    }\n    month: usage(filter: { userId: $userId, from: $from, to: $to }) {\n      inputTokens\n      outputTokens\n      requests\n      cost\n    }\n    daily: usage(filter: { userId: $userId, from: $from, to: $to }, groupBy: [DAY]) {\n      day\n      inputTokens\n      outputTokens\n    }\n    byModel: usage(filter: { userId: $userId, from: $from, to: $to }, groupBy: [MODEL]) {\n      model\n      inputTokens\n      outputTokens\n      requests\n      cost\n    }\n    prices {\n      currency\n    }\n    budgets @include(if: $withBudgets) {\n      ...BudgetFields\n    }\n  }\n": typeof types.AccountDocument,
    "\n  mutation UpdateProfile($id: ID!, $input: UpdateUserInput!) {\n    updateUser(id: $id, input: $input) {\n      id\n      name\n      email\n      updatedAt\n    }\n  }\n": typeof types.UpdateProfileDocument,
    "\n  fragment AuditRecordFields on AuditRecord {\n    id\n    seq\n    at\n    action\n    userId\n    user {\n      id\n      name\n      email\n    }\n    targetType\n    targetId\n    targetUser {\n      id\n      name\n      email\n    }\n    metadata\n    model\n    provider\n    inputTokens\n    outputTokens\n    latencyMs\n    promptHash\n    responseHash\n    prevHash\n    hash\n  }\n": typeof types.AuditRecordFieldsFragmentDoc,
    "\n  query AuditPage($filter: AuditFilter, $first: Int, $after: String) {\n    auditLog(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        ...PageFields\n      }\n      edges {\n        node {\n          ...AuditRecordFields\n        }\n      }\n    }\n  }\n": typeof types.AuditPageDocument,
    "\n  query AuditVerify($from: DateTime, $to: DateTime) {\n    auditVerify(from: $from, to: $to) {\n      ok\n      checkedRecords\n      firstSeq\n      lastSeq\n      problem {\n        kind\n        seq\n        recordId\n      }\n    }\n    auditRetention {\n      retentionDays\n      oldestRecordAt\n    }\n  }\n": typeof types.AuditVerifyDocument,
    "\n  query BudgetsPage($withRoles: Boolean!) {\n    budgets {\n      ...BudgetFields\n    }\n    prices {\n      currency\n    }\n    roles @include(if: $withRoles) {\n      id\n      name\n      builtIn\n    }\n  }\n": typeof types.BudgetsPageDocument,
    "\n  query BudgetAlertsPage($first: Int, $after: String) {\n    budgetAlerts(first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        ...PageFields\n      }\n      edges {\n        node {\n          ...BudgetAlertFields\n        }\n      }\n    }\n  }\n": typeof types.BudgetAlertsPageDocument,
    "\n  mutation CreateBudget($input: CreateBudgetInput!) {\n    createBudget(input: $input) {\n      ...BudgetFields\n    }\n  }\n": typeof types.CreateBudgetDocument,
    "\n  mutation UpdateBudget($id: ID!, $input: UpdateBudgetInput!) {\n    updateBudget(id: $id, input: $input) {\n      ...BudgetFields\n    }\n  }\n": typeof types.UpdateBudgetDocument,
    "\n  mutation DeleteBudget($id: ID!) {\n    deleteBudget(id: $id)\n  }\n": typeof types.DeleteBudgetDocument,
    "\n  query Dashboard($today: Date!, $monthStart: Date!, $withUsers: Boolean!, $dayStart: DateTime!, $dayEnd: DateTime!) {\n    today: usage(filter: { from: $today, to: $today }) {\n      inputTokens\n      outputTokens\n      requests\n    }\n    month: usage(filter: { from: $monthStart, to: $today }) {\n      inputTokens\n      outputTokens\n      requests\n    }\n    daily: usage(filter: { from: $monthStart, to: $today }, groupBy: [DAY]) {\n      day\n      inputTokens\n      outputTokens\n    }\n    requestStats(from: $dayStart, to: $dayEnd) {\n      requests\n      errors\n      errorRate\n      errorBreakdown {\n        failed\n        quota\n        budget\n        rateLimit\n        dlp\n        access\n      }\n    }\n    activeUsers: users(status: ACTIVE, first: 1) @include(if: $withUsers) {\n      totalCount\n    }\n  }\n": typeof types.DashboardDocument,
    "\n  query ProviderHealth {\n    providers {\n      id\n      plugin\n      available\n      loadError\n      circuit\n      errorRate\n      p50LatencyMs\n      requests\n    }\n  }\n": typeof types.ProviderHealthDocument,
    "\n  subscription DashboardUsageEvents {\n    usageEvents {\n      at\n      userId\n      user {\n        id\n        name\n        email\n      }\n      model\n      provider\n      inputTokens\n      outputTokens\n      outcome\n      fellBack\n      latencyMs\n    }\n  }\n": typeof types.DashboardUsageEventsDocument,
    "\n  query DashboardDlpEvents {\n    dlpEvents(first: 8) {\n      totalCount\n      edges {\n        node {\n          ...DlpEventFields\n        }\n      }\n    }\n  }\n": typeof types.DashboardDlpEventsDocument,
    "\n  query DashboardBudgets {\n    budgets {\n      ...BudgetFields\n    }\n    budgetAlerts(first: 6) {\n      totalCount\n      edges {\n        node {\n          ...BudgetAlertFields\n        }\n      }\n    }\n  }\n": typeof types.DashboardBudgetsDocument,
    "\n  query DlpEventsPage($filter: DlpEventFilter, $first: Int, $after: String) {\n    dlpEvents(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        ...PageFields\n      }\n      edges {\n        node {\n          ...DlpEventFields\n        }\n      }\n    }\n  }\n": typeof types.DlpEventsPageDocument,
    "\n  query DlpPoliciesPage($withRoles: Boolean!) {\n    dlpPolicies {\n      id\n      detector\n      action\n      roleId\n      role {\n        id\n        name\n        builtIn\n      }\n      updatedAt\n    }\n    roles @include(if: $withRoles) {\n      id\n      name\n      builtIn\n    }\n  }\n": typeof types.DlpPoliciesPageDocument,
    "\n  mutation SetDlpPolicy($detector: DlpDetector!, $action: DlpAction!, $roleId: ID) {\n    setDlpPolicy(detector: $detector, action: $action, roleId: $roleId) {\n      id\n    }\n  }\n": typeof types.SetDlpPolicyDocument,
    "\n  mutation ClearDlpPolicy($detector: DlpDetector!, $roleId: ID!) {\n    clearDlpPolicy(detector: $detector, roleId: $roleId)\n  }\n": typeof types.ClearDlpPolicyDocument,
    "\n  query ExecutiveSummary($range: ExecutiveRange!, $fromDay: Date!, $toDay: Date!, $withCost: Boolean!) {\n    executiveSummary(range: $range) {\n      from\n      to\n      inputTokens\n      outputTokens\n      requests\n      errors\n      errorRate\n      errorBreakdown {\n        failed\n        quota\n        budget\n        rateLimit\n        dlp\n        access\n      }\n      fallbacks\n      fallbackRate\n      activeUsers\n      latencyP50Ms\n      latencyP95Ms\n      topUsers {\n        userId\n        name\n        email\n        inputTokens\n        outputTokens\n        requests\n        errors\n      }\n      topModels {\n        key\n        inputTokens\n        outputTokens\n        requests\n        errors\n      }\n      topProviders {\n        key\n        inputTokens\n        outputTokens\n        requests\n        errors\n      }\n      dlpEvents {\n        detector\n        action\n        events\n        hits\n      }\n    }\n    cost: usage(filter: { from: $fromDay, to: $toDay }) @include(if: $withCost) {\n      cost\n    }\n    prices {\n      model\n      currency\n    }\n  }\n": typeof types.ExecutiveSummaryDocument,
    "\n  query ExecutiveTrends($range: ExecutiveRange!, $granularity: ExecutiveTrendGranularity!, $by: ExecutiveTrendDimension!, $limit: Int) {\n    executiveTrends(range: $range, granularity: $granularity, by: $by, limit: $limit) {\n      bucket\n      key\n      label\n      inputTokens\n      outputTokens\n      requests\n      errors\n    }\n  }\n": typeof types.ExecutiveTrendsDocument,
    "\n  query PlaygroundModels {\n    models {\n      name\n      primary {\n        provider\n        model\n      }\n      fallbacks {\n        provider\n        model\n      }\n    }\n  }\n": typeof types.PlaygroundModelsDocument,
    "\n  fragment ChatAttemptFields on ChatAttempt {\n    provider\n    model\n    error\n    code\n    status\n    latencyMs\n  }\n": typeof types.ChatAttemptFieldsFragmentDoc,
    "\n  fragment ChatResultFields on ChatResult {\n    text\n    usage {\n      inputTokens\n      outputTokens\n    }\n    provider\n    model\n    requestedModel\n    attempts {\n      ...ChatAttemptFields\n    }\n    latencyMs\n    finishReason\n    toolCalls {\n      id\n      name\n      arguments\n    }\n    requestId\n    auditId\n  }\n": typeof types.ChatResultFieldsFragmentDoc,
    "\n  subscription ChatStream($input: ChatInput!) {\n    chat(input: $input) {\n      __typename\n      ... on ChatDelta {\n        text\n      }\n      ... on ChatCompleted {\n        result {\n          ...ChatResultFields\n        }\n      }\n    }\n  }\n": typeof types.ChatStreamDocument,
    "\n  fragment PriceFields on ModelPrice {\n    model\n    inputPerMillion\n    outputPerMillion\n    currency\n    updatedAt\n  }\n": typeof types.PriceFieldsFragmentDoc,
    "\n  query PricesPage {\n    models {\n      name\n    }\n    prices {\n      ...PriceFields\n    }\n  }\n": typeof types.PricesPageDocument,
    "\n  mutation SetPrice($model: String!, $inputPerMillion: Float!, $outputPerMillion: Float!) {\n    setPrice(model: $model, inputPerMillion: $inputPerMillion, outputPerMillion: $outputPerMillion) {\n      ...PriceFields\n    }\n  }\n": typeof types.SetPriceDocument,
    "\n  fragment ProviderFields on Provider {\n    id\n    plugin\n    baseUrl\n    options\n    apiKeySet\n    apiKeyLast4\n    apiKeyEnv\n    maxConcurrent\n    enabled\n    editable\n    available\n    loadError\n  }\n": typeof types.ProviderFieldsFragmentDoc,
    "\n  fragment ModelFields on Model {\n    name\n    editable\n    primary {\n      provider\n      model\n      capabilities {\n        vision\n        tools\n        json\n        embeddings\n      }\n    }\n    fallbacks {\n      provider\n      model\n      capabilities {\n        vision\n        tools\n        json\n        embeddings\n      }\n    }\n    capabilities {\n      vision\n      tools\n      json\n      embeddings\n    }\n    configuredCapabilities {\n      vision\n      tools\n      json\n      embeddings\n      contextWindow\n      maxOutputTokens\n    }\n  }\n": typeof types.ModelFieldsFragmentDoc,
    "\n  query ProvidersPage {\n    providersSource\n    providerPlugins {\n      id\n      description\n    }\n    providers {\n      ...ProviderFields\n    }\n    models {\n      ...ModelFields\n    }\n  }\n": typeof types.ProvidersPageDocument,
    "\n  mutation CreateProvider($input: CreateProviderInput!) {\n    createProvider(input: $input) {\n      ...ProviderFields\n    }\n  }\n": typeof types.CreateProviderDocument,
    "\n  mutation UpdateProvider($id: String!, $input: UpdateProviderInput!) {\n    updateProvider(id: $id, input: $input) {\n      ...ProviderFields\n    }\n  }\n": typeof types.UpdateProviderDocument,
    "\n  mutation DeleteProvider($id: String!) {\n    deleteProvider(id: $id)\n  }\n": typeof types.DeleteProviderDocument,
    "\n  mutation TestProvider($id: String!) {\n    testProvider(id: $id) {\n      ok\n      latencyMs\n      error\n      models\n    }\n  }\n": typeof types.TestProviderDocument,
    "\n  mutation CreateModel($input: CreateModelInput!) {\n    createModel(input: $input) {\n      ...ModelFields\n    }\n  }\n": typeof types.CreateModelDocument,
    "\n  mutation UpdateModel($name: String!, $input: UpdateModelInput!) {\n    updateModel(name: $name, input: $input) {\n      ...ModelFields\n    }\n  }\n": typeof types.UpdateModelDocument,
    "\n  mutation DeleteModel($name: String!) {\n    deleteModel(name: $name)\n  }\n": typeof types.DeleteModelDocument,
    "\n  query RequestLogPage($filter: RequestLogFilter, $first: Int, $after: String) {\n    requestLog(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        ...PageFields\n      }\n      edges {\n        node {\n          id\n          at\n          user {\n            id\n            name\n            email\n          }\n          apiKeyPrefix\n          apiKeyName\n          model\n          provider\n          outcome\n          reason\n          inputTokens\n          outputTokens\n          cost\n          latencyMs\n          attempts {\n            provider\n            model\n            code\n            error\n          }\n        }\n      }\n    }\n  }\n": typeof types.RequestLogPageDocument,
    "\n  query RequestLogOptions {\n    models {\n      name\n    }\n    prices {\n      model\n      currency\n    }\n  }\n": typeof types.RequestLogOptionsDocument,
    "\n  fragment RoleFields on Role {\n    id\n    name\n    description\n    permissions\n    builtIn\n    updatedAt\n  }\n": typeof types.RoleFieldsFragmentDoc,
    "\n  query RolesPage {\n    roles {\n      ...RoleFields\n    }\n    permissions {\n      name\n      group\n      description\n    }\n  }\n": typeof types.RolesPageDocument,
    "\n  mutation CreateRole($input: RoleInput!) {\n    createRole(input: $input) {\n      ...RoleFields\n    }\n  }\n": typeof types.CreateRoleDocument,
    "\n  mutation UpdateRole($id: ID!, $input: RoleInput!) {\n    updateRole(id: $id, input: $input) {\n      ...RoleFields\n    }\n  }\n": typeof types.UpdateRoleDocument,
    "\n  mutation DeleteRole($id: ID!) {\n    deleteRole(id: $id)\n  }\n": typeof types.DeleteRoleDocument,
    "\n  query UsagePage($filter: UsageFilter!, $groupBy: [UsageGroupBy!]!) {\n    series: usage(filter: $filter, groupBy: $groupBy) {\n      day\n      model\n      userId\n      user {\n        id\n        name\n      }\n      inputTokens\n      outputTokens\n    }\n    byUser: usage(filter: $filter, groupBy: [USER]) {\n      userId\n      user {\n        ...UserOption\n      }\n      inputTokens\n      outputTokens\n      requests\n    }\n    byModel: usage(filter: $filter, groupBy: [MODEL]) {\n      model\n      inputTokens\n      outputTokens\n      requests\n    }\n  }\n": typeof types.UsagePageDocument,
    "\n  query UserDetail($id: ID!) {\n    user(id: $id) {\n      ...UserRow\n      roles {\n        id\n        permissions\n      }\n      updatedAt\n      apiKeys(first: 100) {\n        totalCount\n        edges {\n          node {\n            ...ApiKeyFields\n          }\n        }\n      }\n    }\n    roles {\n      id\n      name\n      description\n      builtIn\n    }\n  }\n": typeof types.UserDetailDocument,
    "\n  mutation UpdateUser($id: ID!, $input: UpdateUserInput!) {\n    updateUser(id: $id, input: $input) {\n      ...UserRow\n      updatedAt\n    }\n  }\n": typeof types.UpdateUserDocument,
    "\n  mutation SetUserStatus($id: ID!, $status: UserStatus!) {\n    setUserStatus(id: $id, status: $status) {\n      id\n      status\n      updatedAt\n    }\n  }\n": typeof types.SetUserStatusDocument,
    "\n  mutation DeleteUser($id: ID!) {\n    deleteUser(id: $id)\n  }\n": typeof types.DeleteUserDocument,
    "\n  mutation SetUserRoles($userId: ID!, $roleIds: [ID!]!) {\n    setUserRoles(userId: $userId, roleIds: $roleIds) {\n      id\n      roles {\n        id\n        name\n        builtIn\n      }\n    }\n  }\n": typeof types.SetUserRolesDocument,
    "\n  mutation SetQuota($userId: ID!, $dailyInputLimit: Long, $dailyOutputLimit: Long) {\n    setQuota(userId: $userId, dailyInputLimit: $dailyInputLimit, dailyOutputLimit: $dailyOutputLimit) {\n      id\n      dailyInputLimit\n      dailyOutputLimit\n    }\n  }\n": typeof types.SetQuotaDocument,
    "\n  query UsersPage($search: String, $status: UserStatus, $first: Int, $after: String) {\n    users(search: $search, status: $status, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        ...PageFields\n      }\n      edges {\n        cursor\n        node {\n          ...UserRow\n        }\n      }\n    }\n  }\n": typeof types.UsersPageDocument,
    "\n  query RoleOptions {\n    roles {\n      id\n      name\n      description\n      builtIn\n    }\n  }\n": typeof types.RoleOptionsDocument,
    "\n  mutation CreateUser($input: CreateUserInput!) {\n    createUser(input: $input) {\n      ...UserRow\n    }\n  }\n": typeof types.CreateUserDocument,
    "\n  fragment WebhookFields on Webhook {\n    id\n    url\n    hasQuery\n    format\n    secretEnv\n    secretSet\n    description\n    enabled\n    updatedAt\n    deliveries(first: 1) {\n      totalCount\n      edges {\n        node {\n          at\n          ok\n        }\n      }\n    }\n  }\n": typeof types.WebhookFieldsFragmentDoc,
    "\n  query WebhooksPage {\n    webhooks {\n      ...WebhookFields\n    }\n  }\n": typeof types.WebhooksPageDocument,
    "\n  query WebhookDeliveries($id: ID!, $first: Int, $after: String) {\n    webhook(id: $id) {\n      id\n      deliveries(first: $first, after: $after) {\n        totalCount\n        pageInfo {\n          ...PageFields\n        }\n        edges {\n          node {\n            id\n            at\n            kind\n            ok\n            attempt\n            error\n            latencyMs\n          }\n        }\n      }\n    }\n  }\n": typeof types.WebhookDeliveriesDocument,
    "\n  mutation CreateWebhook($input: WebhookInput!) {\n    createWebhook(input: $input) {\n      ...WebhookFields\n    }\n  }\n": typeof types.CreateWebhookDocument,
    "\n  mutation UpdateWebhook($id: ID!, $input: WebhookInput!) {\n    updateWebhook(id: $id, input: $input) {\n      ...WebhookFields\n    }\n  }\n": typeof types.UpdateWebhookDocument,
    "\n  mutation DeleteWebhook($id: ID!) {\n    deleteWebhook(id: $id)\n  }\n": typeof types.DeleteWebhookDocument,
    "\n  mutation TestWebhook($id: ID!) {\n    testWebhook(id: $id) {\n      ok\n      error\n      latencyMs\n    }\n  }\n": typeof types.TestWebhookDocument,
};
const documents: Documents = {
    "\n  fragment ApiKeyFields on ApiKey {\n    id\n    name\n    prefix\n    active\n    createdAt\n    lastUsedAt\n    expiresAt\n    revokedAt\n  }\n": types.ApiKeyFieldsFragmentDoc,
    "\n  mutation CreateApiKey($userId: ID, $name: String!, $expiresAt: DateTime) {\n    createApiKey(userId: $userId, name: $name, expiresAt: $expiresAt) {\n      secret\n      apiKey {\n        ...ApiKeyFields\n      }\n    }\n  }\n": types.CreateApiKeyDocument,
    "\n  mutation RevokeAllApiKeys($userId: ID) {\n    revokeAllApiKeys(userId: $userId)\n  }\n": types.RevokeAllApiKeysDocument,
    "\n  mutation RevokeApiKey($id: ID!) {\n    revokeApiKey(id: $id) {\n      ...ApiKeyFields\n    }\n  }\n": types.RevokeApiKeyDocument,
    "\n  fragment PageFields on PageInfo {\n    endCursor\n    hasNextPage\n  }\n": types.PageFieldsFragmentDoc,
    "\n  fragment BudgetFields on Budget {\n    id\n    scope\n    amount\n    currency\n    hardStop\n    thresholds\n    userId\n    roleId\n    user {\n      id\n      name\n      email\n    }\n    role {\n      id\n      name\n      builtIn\n    }\n    status {\n      period\n      spent\n      remaining\n      percent\n      exceeded\n      thresholdsCrossed\n      resetsAt\n    }\n  }\n": types.BudgetFieldsFragmentDoc,
    "\n  fragment BudgetAlertFields on BudgetAlert {\n    id\n    at\n    threshold\n    scope\n    target\n    spent\n    amount\n    currency\n    period\n    budgetId\n    deliveries {\n      status\n      format\n      url\n      attempts\n      lastError\n      deliveredAt\n    }\n  }\n": types.BudgetAlertFieldsFragmentDoc,
    "\n  subscription BudgetAlertsLive {\n    budgetAlerts {\n      ...BudgetAlertFields\n    }\n  }\n": types.BudgetAlertsLiveDocument,
    "\n  fragment DlpEventFields on DlpEvent {\n    id\n    at\n    detector\n    kind\n    action\n    count\n    model\n    user {\n      ...UserOption\n    }\n  }\n": types.DlpEventFieldsFragmentDoc,
    "\n  fragment RateLimitFields on RateLimit {\n    scope\n    targetId\n    requestsPerMinute\n    tokensPerMinute\n    updatedAt\n  }\n": types.RateLimitFieldsFragmentDoc,
    "\n  query RateLimits($scope: RateLimitScope, $targetId: ID) {\n    rateLimits(scope: $scope, targetId: $targetId) {\n      ...RateLimitFields\n    }\n  }\n": types.RateLimitsDocument,
    "\n  mutation SetRateLimit($scope: RateLimitScope!, $targetId: ID!, $requestsPerMinute: Int, $tokensPerMinute: Long) {\n    setRateLimit(scope: $scope, targetId: $targetId, requestsPerMinute: $requestsPerMinute, tokensPerMinute: $tokensPerMinute) {\n      ...RateLimitFields\n    }\n  }\n": types.SetRateLimitDocument,
    "\n  mutation ClearRateLimit($scope: RateLimitScope!, $targetId: ID!) {\n    clearRateLimit(scope: $scope, targetId: $targetId)\n  }\n": types.ClearRateLimitDocument,
    "\n  fragment UserOption on User {\n    id\n    name\n    email\n  }\n": types.UserOptionFragmentDoc,
    "\n  query UserOptions {\n    users(first: 100) {\n      edges {\n        node {\n          ...UserOption\n        }\n      }\n    }\n  }\n": types.UserOptionsDocument,
    "\n  fragment UserRow on User {\n    id\n    name\n    email\n    status\n    createdAt\n    roles {\n      id\n      name\n      builtIn\n    }\n    ...TodayAgainstQuota\n  }\n": types.UserRowFragmentDoc,
    "\n  fragment TodayAgainstQuota on User {\n    quota {\n      id\n      dailyInputLimit\n      dailyOutputLimit\n    }\n    todayUsage {\n      inputTokens\n      outputTokens\n      requests\n    }\n  }\n": types.TodayAgainstQuotaFragmentDoc,
    "\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      token\n      expiresAt\n    }\n  }\n": types.LoginDocument,
    "\n  mutation Logout {\n    logout\n  }\n": types.LogoutDocument,
    "\n  query Me {\n    me {\n      id\n      name\n      email\n    }\n  }\n": types.MeDocument,
    "\n  query Viewer {\n    me {\n      id\n      name\n      email\n      roles {\n        id\n        name\n        builtIn\n        permissions\n      }\n    }\n  }\n": types.ViewerDocument,
    "\n  query Account($userId: ID!, $from: Date!, $to: Date!, $withBudgets: Boolean!) {\n    me {\n      id\n      name\n      email\n      createdAt\n      roles {\n        id\n        name\n        builtIn\n        permissions\n      }\n      ...TodayAgainstQuota\n      apiKeys(first: 100) {\n        edges {\n          node {\n            ...ApiKeyFields\n          }\n        }\n      }\n    }\n    month: usage(filter: { userId: $userId, from: $from, to: $to }) {\n      inputTokens\n      outputTokens\n      requests\n      cost\n    }\n    daily: usage(filter: { userId: $userId, from: $from, to: $to }, groupBy: [DAY]) {\n      day\n      inputTokens\n      outputTokens\n    }\n    byModel: usage(filter: { userId: $userId, from: $from, to: $to }, groupBy: [MODEL]) {\n      model\n      inputTokens\n      outputTokens\n      requests\n      cost\n    }\n    prices {\n      currency\n    }\n    budgets @include(if: $withBudgets) {\n      ...BudgetFields\n    }\n  }\n": types.AccountDocument,
    "\n  mutation UpdateProfile($id: ID!, $input: UpdateUserInput!) {\n    updateUser(id: $id, input: $input) {\n      id\n      name\n      email\n      updatedAt\n    }\n  }\n": types.UpdateProfileDocument,
    "\n  fragment AuditRecordFields on AuditRecord {\n    id\n    seq\n    at\n    action\n    userId\n    user {\n      id\n      name\n      email\n    }\n    targetType\n    targetId\n    targetUser {\n      id\n      name\n      email\n    }\n    metadata\n    model\n    provider\n    inputTokens\n    outputTokens\n    latencyMs\n    promptHash\n    responseHash\n    prevHash\n    hash\n  }\n": types.AuditRecordFieldsFragmentDoc,
    "\n  query AuditPage($filter: AuditFilter, $first: Int, $after: String) {\n    auditLog(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        ...PageFields\n      }\n      edges {\n        node {\n          ...AuditRecordFields\n        }\n      }\n    }\n  }\n": types.AuditPageDocument,
    "\n  query AuditVerify($from: DateTime, $to: DateTime) {\n    auditVerify(from: $from, to: $to) {\n      ok\n      checkedRecords\n      firstSeq\n      lastSeq\n      problem {\n        kind\n        seq\n        recordId\n      }\n    }\n    auditRetention {\n      retentionDays\n      oldestRecordAt\n    }\n  }\n": types.AuditVerifyDocument,
    "\n  query BudgetsPage($withRoles: Boolean!) {\n    budgets {\n      ...BudgetFields\n    }\n    prices {\n      currency\n    }\n    roles @include(if: $withRoles) {\n      id\n      name\n      builtIn\n    }\n  }\n": types.BudgetsPageDocument,
    "\n  query BudgetAlertsPage($first: Int, $after: String) {\n    budgetAlerts(first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        ...PageFields\n      }\n      edges {\n        node {\n          ...BudgetAlertFields\n        }\n      }\n    }\n  }\n": types.BudgetAlertsPageDocument,
    "\n  mutation CreateBudget($input: CreateBudgetInput!) {\n    createBudget(input: $input) {\n      ...BudgetFields\n    }\n  }\n": types.CreateBudgetDocument,
    "\n  mutation UpdateBudget($id: ID!, $input: UpdateBudgetInput!) {\n    updateBudget(id: $id, input: $input) {\n      ...BudgetFields\n    }\n  }\n": types.UpdateBudgetDocument,
    "\n  mutation DeleteBudget($id: ID!) {\n    deleteBudget(id: $id)\n  }\n": types.DeleteBudgetDocument,
    "\n  query Dashboard($today: Date!, $monthStart: Date!, $withUsers: Boolean!, $dayStart: DateTime!, $dayEnd: DateTime!) {\n    today: usage(filter: { from: $today, to: $today }) {\n      inputTokens\n      outputTokens\n      requests\n    }\n    month: usage(filter: { from: $monthStart, to: $today }) {\n      inputTokens\n      outputTokens\n      requests\n    }\n    daily: usage(filter: { from: $monthStart, to: $today }, groupBy: [DAY]) {\n      day\n      inputTokens\n      outputTokens\n    }\n    requestStats(from: $dayStart, to: $dayEnd) {\n      requests\n      errors\n      errorRate\n      errorBreakdown {\n        failed\n        quota\n        budget\n        rateLimit\n        dlp\n        access\n      }\n    }\n    activeUsers: users(status: ACTIVE, first: 1) @include(if: $withUsers) {\n      totalCount\n    }\n  }\n": types.DashboardDocument,
    "\n  query ProviderHealth {\n    providers {\n      id\n      plugin\n      available\n      loadError\n      circuit\n      errorRate\n      p50LatencyMs\n      requests\n    }\n  }\n": types.ProviderHealthDocument,
    "\n  subscription DashboardUsageEvents {\n    usageEvents {\n      at\n      userId\n      user {\n        id\n        name\n        email\n      }\n      model\n      provider\n      inputTokens\n      outputTokens\n      outcome\n      fellBack\n      latencyMs\n    }\n  }\n": types.DashboardUsageEventsDocument,
    "\n  query DashboardDlpEvents {\n    dlpEvents(first: 8) {\n      totalCount\n      edges {\n        node {\n          ...DlpEventFields\n        }\n      }\n    }\n  }\n": types.DashboardDlpEventsDocument,
    "\n  query DashboardBudgets {\n    budgets {\n      ...BudgetFields\n    }\n    budgetAlerts(first: 6) {\n      totalCount\n      edges {\n        node {\n          ...BudgetAlertFields\n        }\n      }\n    }\n  }\n": types.DashboardBudgetsDocument,
    "\n  query DlpEventsPage($filter: DlpEventFilter, $first: Int, $after: String) {\n    dlpEvents(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        ...PageFields\n      }\n      edges {\n        node {\n          ...DlpEventFields\n        }\n      }\n    }\n  }\n": types.DlpEventsPageDocument,
    "\n  query DlpPoliciesPage($withRoles: Boolean!) {\n    dlpPolicies {\n      id\n      detector\n      action\n      roleId\n      role {\n        id\n        name\n        builtIn\n      }\n      updatedAt\n    }\n    roles @include(if: $withRoles) {\n      id\n      name\n      builtIn\n    }\n  }\n": types.DlpPoliciesPageDocument,
    "\n  mutation SetDlpPolicy($detector: DlpDetector!, $action: DlpAction!, $roleId: ID) {\n    setDlpPolicy(detector: $detector, action: $action, roleId: $roleId) {\n      id\n    }\n  }\n": types.SetDlpPolicyDocument,
    "\n  mutation ClearDlpPolicy($detector: DlpDetector!, $roleId: ID!) {\n    clearDlpPolicy(detector: $detector, roleId: $roleId)\n  }\n": types.ClearDlpPolicyDocument,
    "\n  query ExecutiveSummary($range: ExecutiveRange!, $fromDay: Date!, $toDay: Date!, $withCost: Boolean!) {\n    executiveSummary(range: $range) {\n      from\n      to\n      inputTokens\n      outputTokens\n      requests\n      errors\n      errorRate\n      errorBreakdown {\n        failed\n        quota\n        budget\n        rateLimit\n        dlp\n        access\n      }\n      fallbacks\n      fallbackRate\n      activeUsers\n      latencyP50Ms\n      latencyP95Ms\n      topUsers {\n        userId\n        name\n        email\n        inputTokens\n        outputTokens\n        requests\n        errors\n      }\n      topModels {\n        key\n        inputTokens\n        outputTokens\n        requests\n        errors\n      }\n      topProviders {\n        key\n        inputTokens\n        outputTokens\n        requests\n        errors\n      }\n      dlpEvents {\n        detector\n        action\n        events\n        hits\n      }\n    }\n    cost: usage(filter: { from: $fromDay, to: $toDay }) @include(if: $withCost) {\n      cost\n    }\n    prices {\n      model\n      currency\n    }\n  }\n": types.ExecutiveSummaryDocument,
    "\n  query ExecutiveTrends($range: ExecutiveRange!, $granularity: ExecutiveTrendGranularity!, $by: ExecutiveTrendDimension!, $limit: Int) {\n    executiveTrends(range: $range, granularity: $granularity, by: $by, limit: $limit) {\n      bucket\n      key\n      label\n      inputTokens\n      outputTokens\n      requests\n      errors\n    }\n  }\n": types.ExecutiveTrendsDocument,
    "\n  query PlaygroundModels {\n    models {\n      name\n      primary {\n        provider\n        model\n      }\n      fallbacks {\n        provider\n        model\n      }\n    }\n  }\n": types.PlaygroundModelsDocument,
    "\n  fragment ChatAttemptFields on ChatAttempt {\n    provider\n    model\n    error\n    code\n    status\n    latencyMs\n  }\n": types.ChatAttemptFieldsFragmentDoc,
    "\n  fragment ChatResultFields on ChatResult {\n    text\n    usage {\n      inputTokens\n      outputTokens\n    }\n    provider\n    model\n    requestedModel\n    attempts {\n      ...ChatAttemptFields\n    }\n    latencyMs\n    finishReason\n    toolCalls {\n      id\n      name\n      arguments\n    }\n    requestId\n    auditId\n  }\n": types.ChatResultFieldsFragmentDoc,
    "\n  subscription ChatStream($input: ChatInput!) {\n    chat(input: $input) {\n      __typename\n      ... on ChatDelta {\n        text\n      }\n      ... on ChatCompleted {\n        result {\n          ...ChatResultFields\n        }\n      }\n    }\n  }\n": types.ChatStreamDocument,
    "\n  fragment PriceFields on ModelPrice {\n    model\n    inputPerMillion\n    outputPerMillion\n    currency\n    updatedAt\n  }\n": types.PriceFieldsFragmentDoc,
    "\n  query PricesPage {\n    models {\n      name\n    }\n    prices {\n      ...PriceFields\n    }\n  }\n": types.PricesPageDocument,
    "\n  mutation SetPrice($model: String!, $inputPerMillion: Float!, $outputPerMillion: Float!) {\n    setPrice(model: $model, inputPerMillion: $inputPerMillion, outputPerMillion: $outputPerMillion) {\n      ...PriceFields\n    }\n  }\n": types.SetPriceDocument,
    "\n  fragment ProviderFields on Provider {\n    id\n    plugin\n    baseUrl\n    options\n    apiKeySet\n    apiKeyLast4\n    apiKeyEnv\n    maxConcurrent\n    enabled\n    editable\n    available\n    loadError\n  }\n": types.ProviderFieldsFragmentDoc,
    "\n  fragment ModelFields on Model {\n    name\n    editable\n    primary {\n      provider\n      model\n      capabilities {\n        vision\n        tools\n        json\n        embeddings\n      }\n    }\n    fallbacks {\n      provider\n      model\n      capabilities {\n        vision\n        tools\n        json\n        embeddings\n      }\n    }\n    capabilities {\n      vision\n      tools\n      json\n      embeddings\n    }\n    configuredCapabilities {\n      vision\n      tools\n      json\n      embeddings\n      contextWindow\n      maxOutputTokens\n    }\n  }\n": types.ModelFieldsFragmentDoc,
    "\n  query ProvidersPage {\n    providersSource\n    providerPlugins {\n      id\n      description\n    }\n    providers {\n      ...ProviderFields\n    }\n    models {\n      ...ModelFields\n    }\n  }\n": types.ProvidersPageDocument,
    "\n  mutation CreateProvider($input: CreateProviderInput!) {\n    createProvider(input: $input) {\n      ...ProviderFields\n    }\n  }\n": types.CreateProviderDocument,
    "\n  mutation UpdateProvider($id: String!, $input: UpdateProviderInput!) {\n    updateProvider(id: $id, input: $input) {\n      ...ProviderFields\n    }\n  }\n": types.UpdateProviderDocument,
    "\n  mutation DeleteProvider($id: String!) {\n    deleteProvider(id: $id)\n  }\n": types.DeleteProviderDocument,
    "\n  mutation TestProvider($id: String!) {\n    testProvider(id: $id) {\n      ok\n      latencyMs\n      error\n      models\n    }\n  }\n": types.TestProviderDocument,
    "\n  mutation CreateModel($input: CreateModelInput!) {\n    createModel(input: $input) {\n      ...ModelFields\n    }\n  }\n": types.CreateModelDocument,
    "\n  mutation UpdateModel($name: String!, $input: UpdateModelInput!) {\n    updateModel(name: $name, input: $input) {\n      ...ModelFields\n    }\n  }\n": types.UpdateModelDocument,
    "\n  mutation DeleteModel($name: String!) {\n    deleteModel(name: $name)\n  }\n": types.DeleteModelDocument,
    "\n  query RequestLogPage($filter: RequestLogFilter, $first: Int, $after: String) {\n    requestLog(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        ...PageFields\n      }\n      edges {\n        node {\n          id\n          at\n          user {\n            id\n            name\n            email\n          }\n          apiKeyPrefix\n          apiKeyName\n          model\n          provider\n          outcome\n          reason\n          inputTokens\n          outputTokens\n          cost\n          latencyMs\n          attempts {\n            provider\n            model\n            code\n            error\n          }\n        }\n      }\n    }\n  }\n": types.RequestLogPageDocument,
    "\n  query RequestLogOptions {\n    models {\n      name\n    }\n    prices {\n      model\n      currency\n    }\n  }\n": types.RequestLogOptionsDocument,
    "\n  fragment RoleFields on Role {\n    id\n    name\n    description\n    permissions\n    builtIn\n    updatedAt\n  }\n": types.RoleFieldsFragmentDoc,
    "\n  query RolesPage {\n    roles {\n      ...RoleFields\n    }\n    permissions {\n      name\n      group\n      description\n    }\n  }\n": types.RolesPageDocument,
    "\n  mutation CreateRole($input: RoleInput!) {\n    createRole(input: $input) {\n      ...RoleFields\n    }\n  }\n": types.CreateRoleDocument,
    "\n  mutation UpdateRole($id: ID!, $input: RoleInput!) {\n    updateRole(id: $id, input: $input) {\n      ...RoleFields\n    }\n  }\n": types.UpdateRoleDocument,
    "\n  mutation DeleteRole($id: ID!) {\n    deleteRole(id: $id)\n  }\n": types.DeleteRoleDocument,
    "\n  query UsagePage($filter: UsageFilter!, $groupBy: [UsageGroupBy!]!) {\n    series: usage(filter: $filter, groupBy: $groupBy) {\n      day\n      model\n      userId\n      user {\n        id\n        name\n      }\n      inputTokens\n      outputTokens\n    }\n    byUser: usage(filter: $filter, groupBy: [USER]) {\n      userId\n      user {\n        ...UserOption\n      }\n      inputTokens\n      outputTokens\n      requests\n    }\n    byModel: usage(filter: $filter, groupBy: [MODEL]) {\n      model\n      inputTokens\n      outputTokens\n      requests\n    }\n  }\n": types.UsagePageDocument,
    "\n  query UserDetail($id: ID!) {\n    user(id: $id) {\n      ...UserRow\n      roles {\n        id\n        permissions\n      }\n      updatedAt\n      apiKeys(first: 100) {\n        totalCount\n        edges {\n          node {\n            ...ApiKeyFields\n          }\n        }\n      }\n    }\n    roles {\n      id\n      name\n      description\n      builtIn\n    }\n  }\n": types.UserDetailDocument,
    "\n  mutation UpdateUser($id: ID!, $input: UpdateUserInput!) {\n    updateUser(id: $id, input: $input) {\n      ...UserRow\n      updatedAt\n    }\n  }\n": types.UpdateUserDocument,
    "\n  mutation SetUserStatus($id: ID!, $status: UserStatus!) {\n    setUserStatus(id: $id, status: $status) {\n      id\n      status\n      updatedAt\n    }\n  }\n": types.SetUserStatusDocument,
    "\n  mutation DeleteUser($id: ID!) {\n    deleteUser(id: $id)\n  }\n": types.DeleteUserDocument,
    "\n  mutation SetUserRoles($userId: ID!, $roleIds: [ID!]!) {\n    setUserRoles(userId: $userId, roleIds: $roleIds) {\n      id\n      roles {\n        id\n        name\n        builtIn\n      }\n    }\n  }\n": types.SetUserRolesDocument,
    "\n  mutation SetQuota($userId: ID!, $dailyInputLimit: Long, $dailyOutputLimit: Long) {\n    setQuota(userId: $userId, dailyInputLimit: $dailyInputLimit, dailyOutputLimit: $dailyOutputLimit) {\n      id\n      dailyInputLimit\n      dailyOutputLimit\n    }\n  }\n": types.SetQuotaDocument,
    "\n  query UsersPage($search: String, $status: UserStatus, $first: Int, $after: String) {\n    users(search: $search, status: $status, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        ...PageFields\n      }\n      edges {\n        cursor\n        node {\n          ...UserRow\n        }\n      }\n    }\n  }\n": types.UsersPageDocument,
    "\n  query RoleOptions {\n    roles {\n      id\n      name\n      description\n      builtIn\n    }\n  }\n": types.RoleOptionsDocument,
    "\n  mutation CreateUser($input: CreateUserInput!) {\n    createUser(input: $input) {\n      ...UserRow\n    }\n  }\n": types.CreateUserDocument,
    "\n  fragment WebhookFields on Webhook {\n    id\n    url\n    hasQuery\n    format\n    secretEnv\n    secretSet\n    description\n    enabled\n    updatedAt\n    deliveries(first: 1) {\n      totalCount\n      edges {\n        node {\n          at\n          ok\n        }\n      }\n    }\n  }\n": types.WebhookFieldsFragmentDoc,
    "\n  query WebhooksPage {\n    webhooks {\n      ...WebhookFields\n    }\n  }\n": types.WebhooksPageDocument,
    "\n  query WebhookDeliveries($id: ID!, $first: Int, $after: String) {\n    webhook(id: $id) {\n      id\n      deliveries(first: $first, after: $after) {\n        totalCount\n        pageInfo {\n          ...PageFields\n        }\n        edges {\n          node {\n            id\n            at\n            kind\n            ok\n            attempt\n            error\n            latencyMs\n          }\n        }\n      }\n    }\n  }\n": types.WebhookDeliveriesDocument,
    "\n  mutation CreateWebhook($input: WebhookInput!) {\n    createWebhook(input: $input) {\n      ...WebhookFields\n    }\n  }\n": types.CreateWebhookDocument,
    "\n  mutation UpdateWebhook($id: ID!, $input: WebhookInput!) {\n    updateWebhook(id: $id, input: $input) {\n      ...WebhookFields\n    }\n  }\n": types.UpdateWebhookDocument,
    "\n  mutation DeleteWebhook($id: ID!) {\n    deleteWebhook(id: $id)\n  }\n": types.DeleteWebhookDocument,
    "\n  mutation TestWebhook($id: ID!) {\n    testWebhook(id: $id) {\n      ok\n      error\n      latencyMs\n    }\n  }\n": types.TestWebhookDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ApiKeyFields on ApiKey {\n    id\n    name\n    prefix\n    active\n    createdAt\n    lastUsedAt\n    expiresAt\n    revokedAt\n  }\n"): (typeof documents)["\n  fragment ApiKeyFields on ApiKey {\n    id\n    name\n    prefix\n    active\n    createdAt\n    lastUsedAt\n    expiresAt\n    revokedAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateApiKey($userId: ID, $name: String!, $expiresAt: DateTime) {\n    createApiKey(userId: $userId, name: $name, expiresAt: $expiresAt) {\n      secret\n      apiKey {\n        ...ApiKeyFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateApiKey($userId: ID, $name: String!, $expiresAt: DateTime) {\n    createApiKey(userId: $userId, name: $name, expiresAt: $expiresAt) {\n      secret\n      apiKey {\n        ...ApiKeyFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokeAllApiKeys($userId: ID) {\n    revokeAllApiKeys(userId: $userId)\n  }\n"): (typeof documents)["\n  mutation RevokeAllApiKeys($userId: ID) {\n    revokeAllApiKeys(userId: $userId)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokeApiKey($id: ID!) {\n    revokeApiKey(id: $id) {\n      ...ApiKeyFields\n    }\n  }\n"): (typeof documents)["\n  mutation RevokeApiKey($id: ID!) {\n    revokeApiKey(id: $id) {\n      ...ApiKeyFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment PageFields on PageInfo {\n    endCursor\n    hasNextPage\n  }\n"): (typeof documents)["\n  fragment PageFields on PageInfo {\n    endCursor\n    hasNextPage\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment BudgetFields on Budget {\n    id\n    scope\n    amount\n    currency\n    hardStop\n    thresholds\n    userId\n    roleId\n    user {\n      id\n      name\n      email\n    }\n    role {\n      id\n      name\n      builtIn\n    }\n    status {\n      period\n      spent\n      remaining\n      percent\n      exceeded\n      thresholdsCrossed\n      resetsAt\n    }\n  }\n"): (typeof documents)["\n  fragment BudgetFields on Budget {\n    id\n    scope\n    amount\n    currency\n    hardStop\n    thresholds\n    userId\n    roleId\n    user {\n      id\n      name\n      email\n    }\n    role {\n      id\n      name\n      builtIn\n    }\n    status {\n      period\n      spent\n      remaining\n      percent\n      exceeded\n      thresholdsCrossed\n      resetsAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment BudgetAlertFields on BudgetAlert {\n    id\n    at\n    threshold\n    scope\n    target\n    spent\n    amount\n    currency\n    period\n    budgetId\n    deliveries {\n      status\n      format\n      url\n      attempts\n      lastError\n      deliveredAt\n    }\n  }\n"): (typeof documents)["\n  fragment BudgetAlertFields on BudgetAlert {\n    id\n    at\n    threshold\n    scope\n    target\n    spent\n    amount\n    currency\n    period\n    budgetId\n    deliveries {\n      status\n      format\n      url\n      attempts\n      lastError\n      deliveredAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription BudgetAlertsLive {\n    budgetAlerts {\n      ...BudgetAlertFields\n    }\n  }\n"): (typeof documents)["\n  subscription BudgetAlertsLive {\n    budgetAlerts {\n      ...BudgetAlertFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment DlpEventFields on DlpEvent {\n    id\n    at\n    detector\n    kind\n    action\n    count\n    model\n    user {\n      ...UserOption\n    }\n  }\n"): (typeof documents)["\n  fragment DlpEventFields on DlpEvent {\n    id\n    at\n    detector\n    kind\n    action\n    count\n    model\n    user {\n      ...UserOption\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment RateLimitFields on RateLimit {\n    scope\n    targetId\n    requestsPerMinute\n    tokensPerMinute\n    updatedAt\n  }\n"): (typeof documents)["\n  fragment RateLimitFields on RateLimit {\n    scope\n    targetId\n    requestsPerMinute\n    tokensPerMinute\n    updatedAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RateLimits($scope: RateLimitScope, $targetId: ID) {\n    rateLimits(scope: $scope, targetId: $targetId) {\n      ...RateLimitFields\n    }\n  }\n"): (typeof documents)["\n  query RateLimits($scope: RateLimitScope, $targetId: ID) {\n    rateLimits(scope: $scope, targetId: $targetId) {\n      ...RateLimitFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetRateLimit($scope: RateLimitScope!, $targetId: ID!, $requestsPerMinute: Int, $tokensPerMinute: Long) {\n    setRateLimit(scope: $scope, targetId: $targetId, requestsPerMinute: $requestsPerMinute, tokensPerMinute: $tokensPerMinute) {\n      ...RateLimitFields\n    }\n  }\n"): (typeof documents)["\n  mutation SetRateLimit($scope: RateLimitScope!, $targetId: ID!, $requestsPerMinute: Int, $tokensPerMinute: Long) {\n    setRateLimit(scope: $scope, targetId: $targetId, requestsPerMinute: $requestsPerMinute, tokensPerMinute: $tokensPerMinute) {\n      ...RateLimitFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ClearRateLimit($scope: RateLimitScope!, $targetId: ID!) {\n    clearRateLimit(scope: $scope, targetId: $targetId)\n  }\n"): (typeof documents)["\n  mutation ClearRateLimit($scope: RateLimitScope!, $targetId: ID!) {\n    clearRateLimit(scope: $scope, targetId: $targetId)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment UserOption on User {\n    id\n    name\n    email\n  }\n"): (typeof documents)["\n  fragment UserOption on User {\n    id\n    name\n    email\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query UserOptions {\n    users(first: 100) {\n      edges {\n        node {\n          ...UserOption\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query UserOptions {\n    users(first: 100) {\n      edges {\n        node {\n          ...UserOption\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment UserRow on User {\n    id\n    name\n    email\n    status\n    createdAt\n    roles {\n      id\n      name\n      builtIn\n    }\n    ...TodayAgainstQuota\n  }\n"): (typeof documents)["\n  fragment UserRow on User {\n    id\n    name\n    email\n    status\n    createdAt\n    roles {\n      id\n      name\n      builtIn\n    }\n    ...TodayAgainstQuota\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment TodayAgainstQuota on User {\n    quota {\n      id\n      dailyInputLimit\n      dailyOutputLimit\n    }\n    todayUsage {\n      inputTokens\n      outputTokens\n      requests\n    }\n  }\n"): (typeof documents)["\n  fragment TodayAgainstQuota on User {\n    quota {\n      id\n      dailyInputLimit\n      dailyOutputLimit\n    }\n    todayUsage {\n      inputTokens\n      outputTokens\n      requests\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      token\n      expiresAt\n    }\n  }\n"): (typeof documents)["\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      token\n      expiresAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Logout {\n    logout\n  }\n"): (typeof documents)["\n  mutation Logout {\n    logout\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Me {\n    me {\n      id\n      name\n      email\n    }\n  }\n"): (typeof documents)["\n  query Me {\n    me {\n      id\n      name\n      email\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Viewer {\n    me {\n      id\n      name\n      email\n      roles {\n        id\n        name\n        builtIn\n        permissions\n      }\n    }\n  }\n"): (typeof documents)["\n  query Viewer {\n    me {\n      id\n      name\n      email\n      roles {\n        id\n        name\n        builtIn\n        permissions\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Account($userId: ID!, $from: Date!, $to: Date!, $withBudgets: Boolean!) {\n    me {\n      id\n      name\n      email\n      createdAt\n      roles {\n        id\n        name\n        builtIn\n        permissions\n      }\n      ...TodayAgainstQuota\n      apiKeys(first: 100) {\n        edges {\n          node {\n            ...ApiKeyFields\n          }\n        }\n      }\n    }\n    month: usage(filter: { userId: $userId, from: $from, to: $to }) {\n      inputTokens\n      outputTokens\n      requests\n      cost\n    }\n    daily: usage(filter: { userId: $userId, from: $from, to: $to }, groupBy: [DAY]) {\n      day\n      inputTokens\n      outputTokens\n    }\n    byModel: usage(filter: { userId: $userId, from: $from, to: $to }, groupBy: [MODEL]) {\n      model\n      inputTokens\n      outputTokens\n      requests\n      cost\n    }\n    prices {\n      currency\n    }\n    budgets @include(if: $withBudgets) {\n      ...BudgetFields\n    }\n  }\n"): (typeof documents)["\n  query Account($userId: ID!, $from: Date!, $to: Date!, $withBudgets: Boolean!) {\n    me {\n      id\n      name\n      email\n      createdAt\n      roles {\n        id\n        name\n        builtIn\n        permissions\n      }\n      ...TodayAgainstQuota\n      apiKeys(first: 100) {\n        edges {\n          node {\n            ...ApiKeyFields\n          }\n        }\n      }\n    }\n    month: usage(filter: { userId: $userId, from: $from, to: $to }) {\n      inputTokens\n      outputTokens\n      requests\n      cost\n    }\n    daily: usage(filter: { userId: $userId, from: $from, to: $to }, groupBy: [DAY]) {\n      day\n      inputTokens\n      outputTokens\n    }\n    byModel: usage(filter: { userId: $userId, from: $from, to: $to }, groupBy: [MODEL]) {\n      model\n      inputTokens\n      outputTokens\n      requests\n      cost\n    }\n    prices {\n      currency\n    }\n    budgets @include(if: $withBudgets) {\n      ...BudgetFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateProfile($id: ID!, $input: UpdateUserInput!) {\n    updateUser(id: $id, input: $input) {\n      id\n      name\n      email\n      updatedAt\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateProfile($id: ID!, $input: UpdateUserInput!) {\n    updateUser(id: $id, input: $input) {\n      id\n      name\n      email\n      updatedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AuditRecordFields on AuditRecord {\n    id\n    seq\n    at\n    action\n    userId\n    user {\n      id\n      name\n      email\n    }\n    targetType\n    targetId\n    targetUser {\n      id\n      name\n      email\n    }\n    metadata\n    model\n    provider\n    inputTokens\n    outputTokens\n    latencyMs\n    promptHash\n    responseHash\n    prevHash\n    hash\n  }\n"): (typeof documents)["\n  fragment AuditRecordFields on AuditRecord {\n    id\n    seq\n    at\n    action\n    userId\n    user {\n      id\n      name\n      email\n    }\n    targetType\n    targetId\n    targetUser {\n      id\n      name\n      email\n    }\n    metadata\n    model\n    provider\n    inputTokens\n    outputTokens\n    latencyMs\n    promptHash\n    responseHash\n    prevHash\n    hash\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuditPage($filter: AuditFilter, $first: Int, $after: String) {\n    auditLog(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        ...PageFields\n      }\n      edges {\n        node {\n          ...AuditRecordFields\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query AuditPage($filter: AuditFilter, $first: Int, $after: String) {\n    auditLog(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        ...PageFields\n      }\n      edges {\n        node {\n          ...AuditRecordFields\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuditVerify($from: DateTime, $to: DateTime) {\n    auditVerify(from: $from, to: $to) {\n      ok\n      checkedRecords\n      firstSeq\n      lastSeq\n      problem {\n        kind\n        seq\n        recordId\n      }\n    }\n    auditRetention {\n      retentionDays\n      oldestRecordAt\n    }\n  }\n"): (typeof documents)["\n  query AuditVerify($from: DateTime, $to: DateTime) {\n    auditVerify(from: $from, to: $to) {\n      ok\n      checkedRecords\n      firstSeq\n      lastSeq\n      problem {\n        kind\n        seq\n        recordId\n      }\n    }\n    auditRetention {\n      retentionDays\n      oldestRecordAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BudgetsPage($withRoles: Boolean!) {\n    budgets {\n      ...BudgetFields\n    }\n    prices {\n      currency\n    }\n    roles @include(if: $withRoles) {\n      id\n      name\n      builtIn\n    }\n  }\n"): (typeof documents)["\n  query BudgetsPage($withRoles: Boolean!) {\n    budgets {\n      ...BudgetFields\n    }\n    prices {\n      currency\n    }\n    roles @include(if: $withRoles) {\n      id\n      name\n      builtIn\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BudgetAlertsPage($first: Int, $after: String) {\n    budgetAlerts(first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        ...PageFields\n      }\n      edges {\n        node {\n          ...BudgetAlertFields\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query BudgetAlertsPage($first: Int, $after: String) {\n    budgetAlerts(first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        ...PageFields\n      }\n      edges {\n        node {\n          ...BudgetAlertFields\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateBudget($input: CreateBudgetInput!) {\n    createBudget(input: $input) {\n      ...BudgetFields\n    }\n  }\n"): (typeof documents)["\n  mutation CreateBudget($input: CreateBudgetInput!) {\n    createBudget(input: $input) {\n      ...BudgetFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateBudget($id: ID!, $input: UpdateBudgetInput!) {\n    updateBudget(id: $id, input: $input) {\n      ...BudgetFields\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateBudget($id: ID!, $input: UpdateBudgetInput!) {\n    updateBudget(id: $id, input: $input) {\n      ...BudgetFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteBudget($id: ID!) {\n    deleteBudget(id: $id)\n  }\n"): (typeof documents)["\n  mutation DeleteBudget($id: ID!) {\n    deleteBudget(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Dashboard($today: Date!, $monthStart: Date!, $withUsers: Boolean!, $dayStart: DateTime!, $dayEnd: DateTime!) {\n    today: usage(filter: { from: $today, to: $today }) {\n      inputTokens\n      outputTokens\n      requests\n    }\n    month: usage(filter: { from: $monthStart, to: $today }) {\n      inputTokens\n      outputTokens\n      requests\n    }\n    daily: usage(filter: { from: $monthStart, to: $today }, groupBy: [DAY]) {\n      day\n      inputTokens\n      outputTokens\n    }\n    requestStats(from: $dayStart, to: $dayEnd) {\n      requests\n      errors\n      errorRate\n      errorBreakdown {\n        failed\n        quota\n        budget\n        rateLimit\n        dlp\n        access\n      }\n    }\n    activeUsers: users(status: ACTIVE, first: 1) @include(if: $withUsers) {\n      totalCount\n    }\n  }\n"): (typeof documents)["\n  query Dashboard($today: Date!, $monthStart: Date!, $withUsers: Boolean!, $dayStart: DateTime!, $dayEnd: DateTime!) {\n    today: usage(filter: { from: $today, to: $today }) {\n      inputTokens\n      outputTokens\n      requests\n    }\n    month: usage(filter: { from: $monthStart, to: $today }) {\n      inputTokens\n      outputTokens\n      requests\n    }\n    daily: usage(filter: { from: $monthStart, to: $today }, groupBy: [DAY]) {\n      day\n      inputTokens\n      outputTokens\n    }\n    requestStats(from: $dayStart, to: $dayEnd) {\n      requests\n      errors\n      errorRate\n      errorBreakdown {\n        failed\n        quota\n        budget\n        rateLimit\n        dlp\n        access\n      }\n    }\n    activeUsers: users(status: ACTIVE, first: 1) @include(if: $withUsers) {\n      totalCount\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ProviderHealth {\n    providers {\n      id\n      plugin\n      available\n      loadError\n      circuit\n      errorRate\n      p50LatencyMs\n      requests\n    }\n  }\n"): (typeof documents)["\n  query ProviderHealth {\n    providers {\n      id\n      plugin\n      available\n      loadError\n      circuit\n      errorRate\n      p50LatencyMs\n      requests\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription DashboardUsageEvents {\n    usageEvents {\n      at\n      userId\n      user {\n        id\n        name\n        email\n      }\n      model\n      provider\n      inputTokens\n      outputTokens\n      outcome\n      fellBack\n      latencyMs\n    }\n  }\n"): (typeof documents)["\n  subscription DashboardUsageEvents {\n    usageEvents {\n      at\n      userId\n      user {\n        id\n        name\n        email\n      }\n      model\n      provider\n      inputTokens\n      outputTokens\n      outcome\n      fellBack\n      latencyMs\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardDlpEvents {\n    dlpEvents(first: 8) {\n      totalCount\n      edges {\n        node {\n          ...DlpEventFields\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query DashboardDlpEvents {\n    dlpEvents(first: 8) {\n      totalCount\n      edges {\n        node {\n          ...DlpEventFields\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardBudgets {\n    budgets {\n      ...BudgetFields\n    }\n    budgetAlerts(first: 6) {\n      totalCount\n      edges {\n        node {\n          ...BudgetAlertFields\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query DashboardBudgets {\n    budgets {\n      ...BudgetFields\n    }\n    budgetAlerts(first: 6) {\n      totalCount\n      edges {\n        node {\n          ...BudgetAlertFields\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DlpEventsPage($filter: DlpEventFilter, $first: Int, $after: String) {\n    dlpEvents(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        ...PageFields\n      }\n      edges {\n        node {\n          ...DlpEventFields\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query DlpEventsPage($filter: DlpEventFilter, $first: Int, $after: String) {\n    dlpEvents(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        ...PageFields\n      }\n      edges {\n        node {\n          ...DlpEventFields\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DlpPoliciesPage($withRoles: Boolean!) {\n    dlpPolicies {\n      id\n      detector\n      action\n      roleId\n      role {\n        id\n        name\n        builtIn\n      }\n      updatedAt\n    }\n    roles @include(if: $withRoles) {\n      id\n      name\n      builtIn\n    }\n  }\n"): (typeof documents)["\n  query DlpPoliciesPage($withRoles: Boolean!) {\n    dlpPolicies {\n      id\n      detector\n      action\n      roleId\n      role {\n        id\n        name\n        builtIn\n      }\n      updatedAt\n    }\n    roles @include(if: $withRoles) {\n      id\n      name\n      builtIn\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetDlpPolicy($detector: DlpDetector!, $action: DlpAction!, $roleId: ID) {\n    setDlpPolicy(detector: $detector, action: $action, roleId: $roleId) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation SetDlpPolicy($detector: DlpDetector!, $action: DlpAction!, $roleId: ID) {\n    setDlpPolicy(detector: $detector, action: $action, roleId: $roleId) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ClearDlpPolicy($detector: DlpDetector!, $roleId: ID!) {\n    clearDlpPolicy(detector: $detector, roleId: $roleId)\n  }\n"): (typeof documents)["\n  mutation ClearDlpPolicy($detector: DlpDetector!, $roleId: ID!) {\n    clearDlpPolicy(detector: $detector, roleId: $roleId)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ExecutiveSummary($range: ExecutiveRange!, $fromDay: Date!, $toDay: Date!, $withCost: Boolean!) {\n    executiveSummary(range: $range) {\n      from\n      to\n      inputTokens\n      outputTokens\n      requests\n      errors\n      errorRate\n      errorBreakdown {\n        failed\n        quota\n        budget\n        rateLimit\n        dlp\n        access\n      }\n      fallbacks\n      fallbackRate\n      activeUsers\n      latencyP50Ms\n      latencyP95Ms\n      topUsers {\n        userId\n        name\n        email\n        inputTokens\n        outputTokens\n        requests\n        errors\n      }\n      topModels {\n        key\n        inputTokens\n        outputTokens\n        requests\n        errors\n      }\n      topProviders {\n        key\n        inputTokens\n        outputTokens\n        requests\n        errors\n      }\n      dlpEvents {\n        detector\n        action\n        events\n        hits\n      }\n    }\n    cost: usage(filter: { from: $fromDay, to: $toDay }) @include(if: $withCost) {\n      cost\n    }\n    prices {\n      model\n      currency\n    }\n  }\n"): (typeof documents)["\n  query ExecutiveSummary($range: ExecutiveRange!, $fromDay: Date!, $toDay: Date!, $withCost: Boolean!) {\n    executiveSummary(range: $range) {\n      from\n      to\n      inputTokens\n      outputTokens\n      requests\n      errors\n      errorRate\n      errorBreakdown {\n        failed\n        quota\n        budget\n        rateLimit\n        dlp\n        access\n      }\n      fallbacks\n      fallbackRate\n      activeUsers\n      latencyP50Ms\n      latencyP95Ms\n      topUsers {\n        userId\n        name\n        email\n        inputTokens\n        outputTokens\n        requests\n        errors\n      }\n      topModels {\n        key\n        inputTokens\n        outputTokens\n        requests\n        errors\n      }\n      topProviders {\n        key\n        inputTokens\n        outputTokens\n        requests\n        errors\n      }\n      dlpEvents {\n        detector\n        action\n        events\n        hits\n      }\n    }\n    cost: usage(filter: { from: $fromDay, to: $toDay }) @include(if: $withCost) {\n      cost\n    }\n    prices {\n      model\n      currency\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ExecutiveTrends($range: ExecutiveRange!, $granularity: ExecutiveTrendGranularity!, $by: ExecutiveTrendDimension!, $limit: Int) {\n    executiveTrends(range: $range, granularity: $granularity, by: $by, limit: $limit) {\n      bucket\n      key\n      label\n      inputTokens\n      outputTokens\n      requests\n      errors\n    }\n  }\n"): (typeof documents)["\n  query ExecutiveTrends($range: ExecutiveRange!, $granularity: ExecutiveTrendGranularity!, $by: ExecutiveTrendDimension!, $limit: Int) {\n    executiveTrends(range: $range, granularity: $granularity, by: $by, limit: $limit) {\n      bucket\n      key\n      label\n      inputTokens\n      outputTokens\n      requests\n      errors\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PlaygroundModels {\n    models {\n      name\n      primary {\n        provider\n        model\n      }\n      fallbacks {\n        provider\n        model\n      }\n    }\n  }\n"): (typeof documents)["\n  query PlaygroundModels {\n    models {\n      name\n      primary {\n        provider\n        model\n      }\n      fallbacks {\n        provider\n        model\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ChatAttemptFields on ChatAttempt {\n    provider\n    model\n    error\n    code\n    status\n    latencyMs\n  }\n"): (typeof documents)["\n  fragment ChatAttemptFields on ChatAttempt {\n    provider\n    model\n    error\n    code\n    status\n    latencyMs\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ChatResultFields on ChatResult {\n    text\n    usage {\n      inputTokens\n      outputTokens\n    }\n    provider\n    model\n    requestedModel\n    attempts {\n      ...ChatAttemptFields\n    }\n    latencyMs\n    finishReason\n    toolCalls {\n      id\n      name\n      arguments\n    }\n    requestId\n    auditId\n  }\n"): (typeof documents)["\n  fragment ChatResultFields on ChatResult {\n    text\n    usage {\n      inputTokens\n      outputTokens\n    }\n    provider\n    model\n    requestedModel\n    attempts {\n      ...ChatAttemptFields\n    }\n    latencyMs\n    finishReason\n    toolCalls {\n      id\n      name\n      arguments\n    }\n    requestId\n    auditId\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ChatStream($input: ChatInput!) {\n    chat(input: $input) {\n      __typename\n      ... on ChatDelta {\n        text\n      }\n      ... on ChatCompleted {\n        result {\n          ...ChatResultFields\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription ChatStream($input: ChatInput!) {\n    chat(input: $input) {\n      __typename\n      ... on ChatDelta {\n        text\n      }\n      ... on ChatCompleted {\n        result {\n          ...ChatResultFields\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment PriceFields on ModelPrice {\n    model\n    inputPerMillion\n    outputPerMillion\n    currency\n    updatedAt\n  }\n"): (typeof documents)["\n  fragment PriceFields on ModelPrice {\n    model\n    inputPerMillion\n    outputPerMillion\n    currency\n    updatedAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PricesPage {\n    models {\n      name\n    }\n    prices {\n      ...PriceFields\n    }\n  }\n"): (typeof documents)["\n  query PricesPage {\n    models {\n      name\n    }\n    prices {\n      ...PriceFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetPrice($model: String!, $inputPerMillion: Float!, $outputPerMillion: Float!) {\n    setPrice(model: $model, inputPerMillion: $inputPerMillion, outputPerMillion: $outputPerMillion) {\n      ...PriceFields\n    }\n  }\n"): (typeof documents)["\n  mutation SetPrice($model: String!, $inputPerMillion: Float!, $outputPerMillion: Float!) {\n    setPrice(model: $model, inputPerMillion: $inputPerMillion, outputPerMillion: $outputPerMillion) {\n      ...PriceFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ProviderFields on Provider {\n    id\n    plugin\n    baseUrl\n    options\n    apiKeySet\n    apiKeyLast4\n    apiKeyEnv\n    maxConcurrent\n    enabled\n    editable\n    available\n    loadError\n  }\n"): (typeof documents)["\n  fragment ProviderFields on Provider {\n    id\n    plugin\n    baseUrl\n    options\n    apiKeySet\n    apiKeyLast4\n    apiKeyEnv\n    maxConcurrent\n    enabled\n    editable\n    available\n    loadError\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ModelFields on Model {\n    name\n    editable\n    primary {\n      provider\n      model\n      capabilities {\n        vision\n        tools\n        json\n        embeddings\n      }\n    }\n    fallbacks {\n      provider\n      model\n      capabilities {\n        vision\n        tools\n        json\n        embeddings\n      }\n    }\n    capabilities {\n      vision\n      tools\n      json\n      embeddings\n    }\n    configuredCapabilities {\n      vision\n      tools\n      json\n      embeddings\n      contextWindow\n      maxOutputTokens\n    }\n  }\n"): (typeof documents)["\n  fragment ModelFields on Model {\n    name\n    editable\n    primary {\n      provider\n      model\n      capabilities {\n        vision\n        tools\n        json\n        embeddings\n      }\n    }\n    fallbacks {\n      provider\n      model\n      capabilities {\n        vision\n        tools\n        json\n        embeddings\n      }\n    }\n    capabilities {\n      vision\n      tools\n      json\n      embeddings\n    }\n    configuredCapabilities {\n      vision\n      tools\n      json\n      embeddings\n      contextWindow\n      maxOutputTokens\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ProvidersPage {\n    providersSource\n    providerPlugins {\n      id\n      description\n    }\n    providers {\n      ...ProviderFields\n    }\n    models {\n      ...ModelFields\n    }\n  }\n"): (typeof documents)["\n  query ProvidersPage {\n    providersSource\n    providerPlugins {\n      id\n      description\n    }\n    providers {\n      ...ProviderFields\n    }\n    models {\n      ...ModelFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateProvider($input: CreateProviderInput!) {\n    createProvider(input: $input) {\n      ...ProviderFields\n    }\n  }\n"): (typeof documents)["\n  mutation CreateProvider($input: CreateProviderInput!) {\n    createProvider(input: $input) {\n      ...ProviderFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateProvider($id: String!, $input: UpdateProviderInput!) {\n    updateProvider(id: $id, input: $input) {\n      ...ProviderFields\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateProvider($id: String!, $input: UpdateProviderInput!) {\n    updateProvider(id: $id, input: $input) {\n      ...ProviderFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteProvider($id: String!) {\n    deleteProvider(id: $id)\n  }\n"): (typeof documents)["\n  mutation DeleteProvider($id: String!) {\n    deleteProvider(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TestProvider($id: String!) {\n    testProvider(id: $id) {\n      ok\n      latencyMs\n      error\n      models\n    }\n  }\n"): (typeof documents)["\n  mutation TestProvider($id: String!) {\n    testProvider(id: $id) {\n      ok\n      latencyMs\n      error\n      models\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateModel($input: CreateModelInput!) {\n    createModel(input: $input) {\n      ...ModelFields\n    }\n  }\n"): (typeof documents)["\n  mutation CreateModel($input: CreateModelInput!) {\n    createModel(input: $input) {\n      ...ModelFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateModel($name: String!, $input: UpdateModelInput!) {\n    updateModel(name: $name, input: $input) {\n      ...ModelFields\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateModel($name: String!, $input: UpdateModelInput!) {\n    updateModel(name: $name, input: $input) {\n      ...ModelFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteModel($name: String!) {\n    deleteModel(name: $name)\n  }\n"): (typeof documents)["\n  mutation DeleteModel($name: String!) {\n    deleteModel(name: $name)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RequestLogPage($filter: RequestLogFilter, $first: Int, $after: String) {\n    requestLog(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        ...PageFields\n      }\n      edges {\n        node {\n          id\n          at\n          user {\n            id\n            name\n            email\n          }\n          apiKeyPrefix\n          apiKeyName\n          model\n          provider\n          outcome\n          reason\n          inputTokens\n          outputTokens\n          cost\n          latencyMs\n          attempts {\n            provider\n            model\n            code\n            error\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query RequestLogPage($filter: RequestLogFilter, $first: Int, $after: String) {\n    requestLog(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        ...PageFields\n      }\n      edges {\n        node {\n          id\n          at\n          user {\n            id\n            name\n            email\n          }\n          apiKeyPrefix\n          apiKeyName\n          model\n          provider\n          outcome\n          reason\n          inputTokens\n          outputTokens\n          cost\n          latencyMs\n          attempts {\n            provider\n            model\n            code\n            error\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RequestLogOptions {\n    models {\n      name\n    }\n    prices {\n      model\n      currency\n    }\n  }\n"): (typeof documents)["\n  query RequestLogOptions {\n    models {\n      name\n    }\n    prices {\n      model\n      currency\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment RoleFields on Role {\n    id\n    name\n    description\n    permissions\n    builtIn\n    updatedAt\n  }\n"): (typeof documents)["\n  fragment RoleFields on Role {\n    id\n    name\n    description\n    permissions\n    builtIn\n    updatedAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RolesPage {\n    roles {\n      ...RoleFields\n    }\n    permissions {\n      name\n      group\n      description\n    }\n  }\n"): (typeof documents)["\n  query RolesPage {\n    roles {\n      ...RoleFields\n    }\n    permissions {\n      name\n      group\n      description\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateRole($input: RoleInput!) {\n    createRole(input: $input) {\n      ...RoleFields\n    }\n  }\n"): (typeof documents)["\n  mutation CreateRole($input: RoleInput!) {\n    createRole(input: $input) {\n      ...RoleFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateRole($id: ID!, $input: RoleInput!) {\n    updateRole(id: $id, input: $input) {\n      ...RoleFields\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateRole($id: ID!, $input: RoleInput!) {\n    updateRole(id: $id, input: $input) {\n      ...RoleFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteRole($id: ID!) {\n    deleteRole(id: $id)\n  }\n"): (typeof documents)["\n  mutation DeleteRole($id: ID!) {\n    deleteRole(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query UsagePage($filter: UsageFilter!, $groupBy: [UsageGroupBy!]!) {\n    series: usage(filter: $filter, groupBy: $groupBy) {\n      day\n      model\n      userId\n      user {\n        id\n        name\n      }\n      inputTokens\n      outputTokens\n    }\n    byUser: usage(filter: $filter, groupBy: [USER]) {\n      userId\n      user {\n        ...UserOption\n      }\n      inputTokens\n      outputTokens\n      requests\n    }\n    byModel: usage(filter: $filter, groupBy: [MODEL]) {\n      model\n      inputTokens\n      outputTokens\n      requests\n    }\n  }\n"): (typeof documents)["\n  query UsagePage($filter: UsageFilter!, $groupBy: [UsageGroupBy!]!) {\n    series: usage(filter: $filter, groupBy: $groupBy) {\n      day\n      model\n      userId\n      user {\n        id\n        name\n      }\n      inputTokens\n      outputTokens\n    }\n    byUser: usage(filter: $filter, groupBy: [USER]) {\n      userId\n      user {\n        ...UserOption\n      }\n      inputTokens\n      outputTokens\n      requests\n    }\n    byModel: usage(filter: $filter, groupBy: [MODEL]) {\n      model\n      inputTokens\n      outputTokens\n      requests\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query UserDetail($id: ID!) {\n    user(id: $id) {\n      ...UserRow\n      roles {\n        id\n        permissions\n      }\n      updatedAt\n      apiKeys(first: 100) {\n        totalCount\n        edges {\n          node {\n            ...ApiKeyFields\n          }\n        }\n      }\n    }\n    roles {\n      id\n      name\n      description\n      builtIn\n    }\n  }\n"): (typeof documents)["\n  query UserDetail($id: ID!) {\n    user(id: $id) {\n      ...UserRow\n      roles {\n        id\n        permissions\n      }\n      updatedAt\n      apiKeys(first: 100) {\n        totalCount\n        edges {\n          node {\n            ...ApiKeyFields\n          }\n        }\n      }\n    }\n    roles {\n      id\n      name\n      description\n      builtIn\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateUser($id: ID!, $input: UpdateUserInput!) {\n    updateUser(id: $id, input: $input) {\n      ...UserRow\n      updatedAt\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateUser($id: ID!, $input: UpdateUserInput!) {\n    updateUser(id: $id, input: $input) {\n      ...UserRow\n      updatedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetUserStatus($id: ID!, $status: UserStatus!) {\n    setUserStatus(id: $id, status: $status) {\n      id\n      status\n      updatedAt\n    }\n  }\n"): (typeof documents)["\n  mutation SetUserStatus($id: ID!, $status: UserStatus!) {\n    setUserStatus(id: $id, status: $status) {\n      id\n      status\n      updatedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteUser($id: ID!) {\n    deleteUser(id: $id)\n  }\n"): (typeof documents)["\n  mutation DeleteUser($id: ID!) {\n    deleteUser(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetUserRoles($userId: ID!, $roleIds: [ID!]!) {\n    setUserRoles(userId: $userId, roleIds: $roleIds) {\n      id\n      roles {\n        id\n        name\n        builtIn\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SetUserRoles($userId: ID!, $roleIds: [ID!]!) {\n    setUserRoles(userId: $userId, roleIds: $roleIds) {\n      id\n      roles {\n        id\n        name\n        builtIn\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetQuota($userId: ID!, $dailyInputLimit: Long, $dailyOutputLimit: Long) {\n    setQuota(userId: $userId, dailyInputLimit: $dailyInputLimit, dailyOutputLimit: $dailyOutputLimit) {\n      id\n      dailyInputLimit\n      dailyOutputLimit\n    }\n  }\n"): (typeof documents)["\n  mutation SetQuota($userId: ID!, $dailyInputLimit: Long, $dailyOutputLimit: Long) {\n    setQuota(userId: $userId, dailyInputLimit: $dailyInputLimit, dailyOutputLimit: $dailyOutputLimit) {\n      id\n      dailyInputLimit\n      dailyOutputLimit\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query UsersPage($search: String, $status: UserStatus, $first: Int, $after: String) {\n    users(search: $search, status: $status, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        ...PageFields\n      }\n      edges {\n        cursor\n        node {\n          ...UserRow\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query UsersPage($search: String, $status: UserStatus, $first: Int, $after: String) {\n    users(search: $search, status: $status, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        ...PageFields\n      }\n      edges {\n        cursor\n        node {\n          ...UserRow\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RoleOptions {\n    roles {\n      id\n      name\n      description\n      builtIn\n    }\n  }\n"): (typeof documents)["\n  query RoleOptions {\n    roles {\n      id\n      name\n      description\n      builtIn\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateUser($input: CreateUserInput!) {\n    createUser(input: $input) {\n      ...UserRow\n    }\n  }\n"): (typeof documents)["\n  mutation CreateUser($input: CreateUserInput!) {\n    createUser(input: $input) {\n      ...UserRow\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment WebhookFields on Webhook {\n    id\n    url\n    hasQuery\n    format\n    secretEnv\n    secretSet\n    description\n    enabled\n    updatedAt\n    deliveries(first: 1) {\n      totalCount\n      edges {\n        node {\n          at\n          ok\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment WebhookFields on Webhook {\n    id\n    url\n    hasQuery\n    format\n    secretEnv\n    secretSet\n    description\n    enabled\n    updatedAt\n    deliveries(first: 1) {\n      totalCount\n      edges {\n        node {\n          at\n          ok\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WebhooksPage {\n    webhooks {\n      ...WebhookFields\n    }\n  }\n"): (typeof documents)["\n  query WebhooksPage {\n    webhooks {\n      ...WebhookFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WebhookDeliveries($id: ID!, $first: Int, $after: String) {\n    webhook(id: $id) {\n      id\n      deliveries(first: $first, after: $after) {\n        totalCount\n        pageInfo {\n          ...PageFields\n        }\n        edges {\n          node {\n            id\n            at\n            kind\n            ok\n            attempt\n            error\n            latencyMs\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query WebhookDeliveries($id: ID!, $first: Int, $after: String) {\n    webhook(id: $id) {\n      id\n      deliveries(first: $first, after: $after) {\n        totalCount\n        pageInfo {\n          ...PageFields\n        }\n        edges {\n          node {\n            id\n            at\n            kind\n            ok\n            attempt\n            error\n            latencyMs\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateWebhook($input: WebhookInput!) {\n    createWebhook(input: $input) {\n      ...WebhookFields\n    }\n  }\n"): (typeof documents)["\n  mutation CreateWebhook($input: WebhookInput!) {\n    createWebhook(input: $input) {\n      ...WebhookFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateWebhook($id: ID!, $input: WebhookInput!) {\n    updateWebhook(id: $id, input: $input) {\n      ...WebhookFields\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateWebhook($id: ID!, $input: WebhookInput!) {\n    updateWebhook(id: $id, input: $input) {\n      ...WebhookFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteWebhook($id: ID!) {\n    deleteWebhook(id: $id)\n  }\n"): (typeof documents)["\n  mutation DeleteWebhook($id: ID!) {\n    deleteWebhook(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TestWebhook($id: ID!) {\n    testWebhook(id: $id) {\n      ok\n      error\n      latencyMs\n    }\n  }\n"): (typeof documents)["\n  mutation TestWebhook($id: ID!) {\n    testWebhook(id: $id) {\n      ok\n      error\n      latencyMs\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;