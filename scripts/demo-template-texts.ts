import type { TemplateVariableInput } from "@/server/templates/language/variable-schema";

/**
 * The demo workspace's reply templates, written from the one response per intent in Bitext's
 * customer-support set (bitext_cs_train_v_2023-08-07.csv, CDLA-Sharing-1.0): the same advice,
 * with the customer's name, order numbers and contact details turned into typed variables.
 * Trigger phrases are typical customer wordings; scripts/build-demo-templates.ts measures how
 * many of each intent's real messages in the same file they match, and how precisely.
 */
export type DemoText = {
  name: string;
  content: string;
  variables: TemplateVariableInput[];
  /** Typical customer phrasings, checked against the dataset by the build script. */
  phrases: string[];
  tags: string[];
};

const firstName: TemplateVariableInput = {
  name: "customer.first_name",
  type: "text",
  required: false,
  fallback: "there",
  description: "The customer's first name",
};
const orderId: TemplateVariableInput = {
  name: "order_id",
  type: "text",
  required: true,
  pattern: "[A-Za-z0-9-]{4,32}",
  description: "Order number as shown in the confirmation email",
};
const supportEmail: TemplateVariableInput = {
  name: "support_email",
  type: "email",
  required: true,
  fallback: "support@acme.test",
};
const supportPhone: TemplateVariableInput = {
  name: "support_phone",
  type: "text",
  required: true,
  fallback: "(555) 010-0200",
};
const agentName: TemplateVariableInput = {
  name: "agent.name",
  type: "text",
  required: false,
  fallback: "The Acme Store team",
};

const sign = "\n\nBest regards,\n{agent.name}";

export const DEMO_TEXTS: Record<string, DemoText> = {
  cancel_order: {
    name: "Cancel an order",
    content: `Hi {customer.first_name},\n\nI'm sorry to hear you want to cancel order {order_id}. You can do this yourself: open the order details in your account and click "Cancel Order". If the button is no longer there, the order has already shipped; reply here and I'll arrange a return instead.${sign}`,
    variables: [firstName, orderId, agentName],
    phrases: ["cancel order", "cancel my order", "cancel purchase", "cancelling order"],
    tags: ["orders", "cancellation"],
  },
  change_order: {
    name: "Change an order",
    content: `Hi {customer.first_name},\n\nTo change order {order_id}, open your order history and select the order you want to modify. Changes are possible until the order is packed, usually within {change_window|2 hours} of placing it.${sign}`,
    variables: [
      firstName,
      orderId,
      { name: "change_window", type: "text", required: false },
      agentName,
    ],
    phrases: [
      "items of order",
      "articles of order",
      "change purchase",
      "update purchase",
      "change my order",
      "modify order",
    ],
    tags: ["orders"],
  },
  change_shipping_address: {
    name: "Change the shipping address",
    content: `Hi {customer.first_name},\n\nYou can change your shipping address under My Account → Shipping Addresses. If order {order_id} has not shipped yet, I can update its address for you: just reply with the new address.${sign}`,
    variables: [firstName, orderId, agentName],
    phrases: [
      "wrong address",
      "wrong delivery address",
      "edit the address",
      "correct the shipping address",
      "change my address",
      "modify the address",
    ],
    tags: ["shipping", "address"],
  },
  check_cancellation_fee: {
    name: "Cancellation fees",
    content: `Hi {customer.first_name},\n\nWhether a cancellation fee applies depends on the status of your order. For order {order_id} the fee would be {cancellation_fee}. You can always see the current amount in the order's details in your account.${sign}`,
    variables: [
      firstName,
      orderId,
      { name: "cancellation_fee", type: "currency", required: true },
      agentName,
    ],
    phrases: ["cancellation fee", "termination fee", "early exit fee", "cancellation charge"],
    tags: ["orders", "fees"],
  },
  check_invoice: {
    name: "Where to find an invoice",
    content: `Hi {customer.first_name},\n\nYour invoice for order {order_id} is in the Order History section of your account. If you need a printed copy or the invoice shows a wrong address, write to {support_email} and we'll send a corrected one.${sign}`,
    variables: [firstName, orderId, supportEmail, agentName],
    phrases: [
      "see my bill",
      "see bill",
      "find my invoice",
      "locating invoice",
      "checking invoices",
      "check invoice",
    ],
    tags: ["billing", "invoice"],
  },
  check_payment_methods: {
    name: "Accepted payment methods",
    content: `Hi {customer.first_name},\n\nWe accept credit and debit cards, PayPal and bank transfers. You can see every option for your country on our payment options page and at checkout.${sign}`,
    variables: [firstName, agentName],
    phrases: ["payment methods", "payment options", "ways to pay", "accepted payment"],
    tags: ["billing", "payment"],
  },
  check_refund_policy: {
    name: "Refund policy",
    content: `Hi {customer.first_name},\n\nOur refund policy is on the Returns and Refunds page: items can be returned within {return_days|30} days of delivery, unused and in their original packaging. Refunds go back to the original payment method.${sign}`,
    variables: [firstName, { name: "return_days", type: "number", required: false }, agentName],
    phrases: ["refund policy", "money back guarantee", "can i get a refund", "ask for a refund"],
    tags: ["refunds", "policy"],
  },
  complaint: {
    name: "Complaint acknowledgement",
    content: `Hi {customer.first_name},\n\nI'm truly sorry that we let you down. I've logged your complaint as case {case_id} and a team lead will review it within one business day. You'll hear from us at {customer.email}.${sign}`,
    variables: [
      firstName,
      { name: "case_id", type: "text", required: true },
      { name: "customer.email", type: "email", required: true },
      agentName,
    ],
    phrases: ["complaint", "file a claim", "not satisfied", "unhappy with"],
    tags: ["feedback", "complaint"],
  },
  contact_customer_service: {
    name: "How to contact customer service",
    content: `Hi {customer.first_name},\n\nYou can reach our customer service team through the Contact Us page, by email at {support_email}, or by phone at {support_phone}, {support_hours|Monday to Friday, 9am to 6pm}.${sign}`,
    variables: [
      firstName,
      supportEmail,
      supportPhone,
      { name: "support_hours", type: "text", required: false },
      agentName,
    ],
    phrases: ["customer service", "customer support", "contact support", "customer assistance"],
    tags: ["contact"],
  },
  contact_human_agent: {
    name: "Talk to a human agent",
    content: `Hi {customer.first_name},\n\nOf course, you're talking to a person now: I'm {agent.name}. If you'd rather speak on the phone, call us at {support_phone} or use the live chat on our website.`,
    variables: [firstName, { ...agentName, required: true, fallback: undefined }, supportPhone],
    phrases: ["human agent", "live agent", "speak to someone", "talk to a person", "real person"],
    tags: ["contact", "escalation"],
  },
  create_account: {
    name: "Create an account",
    content: `Hi {customer.first_name},\n\nTo create an account, click "Sign Up" on our homepage and follow the steps. If the confirmation email doesn't arrive within a few minutes, check your spam folder or write to {support_email}.${sign}`,
    variables: [firstName, supportEmail, agentName],
    phrases: [
      "open an account",
      "opening a new",
      "open a",
      "create an account",
      "new account",
      "sign up",
    ],
    tags: ["account"],
  },
  delete_account: {
    name: "Delete an account",
    content: `Hi {customer.first_name},\n\nI can delete your account for you. Please note that this is permanent: your order history and saved addresses cannot be recovered afterwards. Reply "DELETE" to confirm and I'll take care of it within {deletion_days|3} business days.${sign}`,
    variables: [firstName, { name: "deletion_days", type: "number", required: false }, agentName],
    phrases: [
      "delete my account",
      "close a",
      "removal of",
      "termination of",
      "deleting account",
      "remove my",
    ],
    tags: ["account", "privacy"],
  },
  delivery_options: {
    name: "Delivery options",
    content: `Hi {customer.first_name},\n\nWe offer standard, expedited and same-day delivery (same-day in selected cities). You'll see every option with its price at checkout; orders over {free_shipping_threshold} ship free with standard delivery.${sign}`,
    variables: [
      firstName,
      { name: "free_shipping_threshold", type: "currency", required: true, fallback: "$50" },
      agentName,
    ],
    phrases: [
      "shipping options",
      "shipment options",
      "possible to order from",
      "delivery options",
      "order from",
    ],
    tags: ["shipping", "delivery"],
  },
  delivery_period: {
    name: "Delivery times",
    content: `Hi {customer.first_name},\n\nStandard delivery takes 3–5 business days; expedited delivery 1–2. Order {order_id} is expected on {delivery_date}.${sign}`,
    variables: [
      firstName,
      orderId,
      { name: "delivery_date", type: "date", required: true },
      agentName,
    ],
    // Not "when will" or "how long" alone: they fire on any question about time (a refund, an
    // installer's visit), and every Bitext message with "when will" also says "arrive".
    // Six at most: the build script weighs phrases 1, 0.9, 0.8, … in this order.
    phrases: [
      "arrive",
      "delivery time",
      "how long does shipping",
      "how long does delivery",
      "shipping takes",
      "delivery takes",
    ],
    tags: ["shipping", "delivery"],
  },
  edit_account: {
    name: "Edit account details",
    content: `Hi {customer.first_name},\n\nYou can edit your name, email address and password under My Account after signing in. If something can't be changed there, reply with what you'd like to update.${sign}`,
    variables: [firstName, agentName],
    phrases: [
      "edit details",
      "updating details",
      "change data",
      "information on",
      "edit my account",
      "update my profile",
    ],
    tags: ["account"],
  },
  get_invoice: {
    name: "Send an invoice",
    content: `Hi {customer.first_name},\n\nYou can download the invoice for order {order_id} from Order History in your account. I've also sent a copy to {customer.email}.${sign}`,
    variables: [
      firstName,
      orderId,
      { name: "customer.email", type: "email", required: true },
      agentName,
    ],
    phrases: ["get invoice", "download invoice", "send invoice", "copy of invoice", "bill"],
    tags: ["billing", "invoice"],
  },
  get_refund: {
    name: "Request a refund",
    content: `Hi {customer.first_name},\n\nI've started the refund for order {order_id}: {refund_amount} will go back to your original payment method within 5–10 business days. You'll get an email as soon as it's processed.${sign}`,
    variables: [
      firstName,
      orderId,
      { name: "refund_amount", type: "currency", required: true },
      agentName,
    ],
    phrases: ["money back", "refund of money", "reimbursement", "request a refund", "get a refund"],
    tags: ["refunds"],
  },
  newsletter_subscription: {
    name: "Newsletter subscription",
    content: `Hi {customer.first_name},\n\nTo subscribe to our newsletter, enter your email address in the box at the bottom of our homepage. You can unsubscribe with one click from any newsletter.${sign}`,
    variables: [firstName, agentName],
    phrases: ["newsletter", "subscribe", "unsubscribe", "mailing list"],
    tags: ["newsletter"],
  },
  payment_issue: {
    name: "Payment problem",
    content: `Hi {customer.first_name},\n\nSorry about the trouble with your payment. Payments most often fail because of a billing address that doesn't match the card, or a bank's security check. Could you tell me which payment method you used and the error you saw? I'll sort it out with you.${sign}`,
    variables: [firstName, agentName],
    phrases: [
      "issue with payment",
      "problems with payment",
      "errors with",
      "online payment",
      "payment issue",
      "card declined",
    ],
    tags: ["billing", "payment"],
  },
  place_order: {
    name: "How to place an order",
    content: `Hi {customer.first_name},\n\nAdd the items you want to your cart, go to checkout and follow the steps: you'll get a confirmation email with your order number right away. If anything goes wrong on the way, reply here.${sign}`,
    variables: [firstName, agentName],
    phrases: [
      "purchase several",
      "buy some",
      "of ur product",
      "make an order",
      "shop an item",
      "place an order",
    ],
    tags: ["orders"],
  },
  recover_password: {
    name: "Reset a password",
    content: `Hi {customer.first_name},\n\nClick "Forgot Password?" on the sign-in page and enter {customer.email|your email address}. You'll receive a link to choose a new password; it's valid for one hour.${sign}`,
    variables: [firstName, { name: "customer.email", type: "email", required: false }, agentName],
    phrases: ["forgot my password", "reset password", "access key", "pin code", "password"],
    tags: ["account", "password"],
  },
  registration_problems: {
    name: "Registration problems",
    content: `Hi {customer.first_name},\n\nSorry you're having trouble signing up. Could you tell me what happens when you try (an error message or a screenshot helps)? You can also write to {support_email} and we'll create the account with you.${sign}`,
    variables: [firstName, supportEmail, agentName],
    phrases: [
      "registration problem",
      "sign up error",
      "signup error",
      "cannot register",
      "registration",
    ],
    tags: ["account"],
  },
  review: {
    name: "Leave a review",
    content: `Hi {customer.first_name},\n\nThank you for wanting to share your experience! You can review any product from its page: click "Write a Review". We read every review.${sign}`,
    variables: [firstName, agentName],
    phrases: ["review", "leave feedback", "submit feedback", "rate"],
    tags: ["feedback"],
  },
  set_up_shipping_address: {
    name: "Set up a shipping address",
    content: `Hi {customer.first_name},\n\nYou can add a shipping address under My Account → Shipping Addresses → Add address, and mark it as your default for faster checkout.${sign}`,
    variables: [firstName, agentName],
    phrases: [
      "set up",
      "secondary",
      "new delivery address",
      "new shipping address",
      "add an address",
    ],
    tags: ["shipping", "address"],
  },
  switch_account: {
    name: "Switch accounts",
    content: `Hi {customer.first_name},\n\nTo switch accounts, sign out from the menu in the top right and sign in again with the other account's email address and password.${sign}`,
    variables: [firstName, agentName],
    phrases: ["change to the", "switch to", "use the", "switch account"],
    tags: ["account"],
  },
  track_order: {
    name: "Track an order",
    content: `Hi {customer.first_name},\n\nOrder {order_id} is on its way with {carrier}. You can follow it with tracking number {tracking_number} under Order History, or on the carrier's website.${sign}`,
    variables: [
      firstName,
      orderId,
      { name: "carrier", type: "select", required: true, options: ["UPS", "FedEx", "USPS", "DHL"] },
      { name: "tracking_number", type: "text", required: true },
      agentName,
    ],
    phrases: [
      "status of order",
      "order status",
      "eta of",
      "track order",
      "where is my order",
      "tracking number",
    ],
    tags: ["orders", "shipping"],
  },
  track_refund: {
    name: "Refund status",
    content: `Hi {customer.first_name},\n\nThe refund for order {order_id} was issued on {refund_date}. Banks usually take 5–10 business days to show it on your statement.${sign}`,
    variables: [
      firstName,
      orderId,
      { name: "refund_date", type: "date", required: true },
      agentName,
    ],
    phrases: ["waiting for a", "i expect a", "refund status", "track my refund", "check my refund"],
    tags: ["refunds"],
  },
};
